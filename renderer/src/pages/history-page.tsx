import { useEffect } from 'react';
import { EmptyState } from '../components/empty-state';
import { ErrorPanel } from '../components/error-panel';
import { parseCompareParam } from '../runs/run-compare';
import { RunCompareView } from '../runs/run-compare-view';
import { RunDetail } from '../runs/run-detail';
import { RunsTable } from '../runs/runs-table';
import { useRunsListStore } from '../runs/runs-list-store';
import { useRouteStore } from '../state/route-store';
import { useSettingsStore } from '../state/settings-store';

/** History: every run; #/history/<run> one run; #/history/compare:<a>:<b> two side by side. */
export function HistoryPage() {
  const param = useRouteStore((s) => s.param);
  const pair = parseCompareParam(param);
  if (pair) return <Compare pair={pair} />;
  return param ? <RunDetail key={param} runId={param} /> : <RunsOverview />;
}

function RunsOverview() {
  const app = useSettingsStore((s) => s.app);
  const { runs, error, loadRuns } = useRunsListStore();
  useEffect(() => void loadRuns(), [loadRuns]);
  return (
    <>
      <h1>History</h1>
      {error ? <ErrorPanel error={error} /> : null}
      {runs === null ? <p className="muted">Loading runs…</p> : null}
      {runs && runs.length === 0 ? (
        <EmptyState title="No game-day runs recorded">
          <p>Every game day is journaled as it happens: faults, detections, repairs and check results, with timings.</p>
          {app?.databasePath ? (
            <p>
              Runs are kept in <code>{app.databasePath}</code>.
            </p>
          ) : null}
        </EmptyState>
      ) : null}
      {runs && runs.length ? <RunsTable runs={runs} /> : null}
    </>
  );
}

function Compare({ pair }: { pair: [string, string] }) {
  const { runs, loadRuns } = useRunsListStore();
  useEffect(() => void loadRuns(), [loadRuns]);
  const a = runs?.find((r) => r.id === pair[0]);
  const b = runs?.find((r) => r.id === pair[1]);
  return (
    <>
      <p>
        <a href="#/history">← History</a>
      </p>
      <h1>Compare runs</h1>
      {a && b ? <RunCompareView a={a} b={b} /> : <p className="muted">{runs ? 'One of these runs is gone.' : 'Loading runs…'}</p>}
    </>
  );
}
