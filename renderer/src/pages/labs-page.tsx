import { EmptyState } from '../components/empty-state';
import { EngineDownNotice } from '../components/engine-down-notice';

export function LabsPage() {
  return (
    <>
      <h1>Labs</h1>
      <EngineDownNotice />
      <EmptyState title="No labs yet">
        <p>
          A lab is a small system of real containers with Prometheus wired in. Built-in labs and your own
          <code> compose.yaml</code> files will be listed here to start with one click.
        </p>
        <p>
          Until the lab catalogue ships, check that your engine is ready with <code>npx labdeck doctor</code>.
        </p>
      </EmptyState>
    </>
  );
}
