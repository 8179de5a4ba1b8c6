import { EmptyState } from '../components/empty-state';
import { useSettingsStore } from '../state/settings-store';

export function HistoryPage() {
  const app = useSettingsStore((s) => s.app);
  return (
    <>
      <h1>History</h1>
      <EmptyState title="No game-day runs recorded">
        <p>Every game day is journaled as it happens: faults, detections, repairs and check results, with timings.</p>
        {app ? (
          <p>
            Runs are kept in <code>{app.databasePath}</code>.
          </p>
        ) : null}
      </EmptyState>
    </>
  );
}
