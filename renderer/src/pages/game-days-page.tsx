import { EmptyState } from '../components/empty-state';
import { useRouteStore } from '../state/route-store';

export function GameDaysPage() {
  const go = useRouteStore((s) => s.go);
  return (
    <>
      <h1>Game days</h1>
      <EmptyState
        title="No game day running"
        action={
          <button type="button" onClick={() => go('labs')}>
            Go to Labs
          </button>
        }
      >
        <p>A game day injects faults into a running lab; you detect and repair them, and checks prove the repair.</p>
        <p>Start a lab first: scenarios are offered for the lab they were written for.</p>
      </EmptyState>
    </>
  );
}
