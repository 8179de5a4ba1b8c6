import { useEffect, useState } from 'react';
import type { RunEventView, RunView } from '../../../main/api/schemas/runs';
import { ConfirmButton } from '../components/confirm-button';
import { ErrorPanel } from '../components/error-panel';
import { api } from '../state/client';
import { useRouteStore } from '../state/route-store';
import { useSettingsStore } from '../state/settings-store';
import { RecordingsList } from '../terminals/recordings-list';
import { asErr, type Err } from './run-errors';
import { formatDate, formatDuration, formatScore, isFinalState, stateWords } from './run-format';
import { ExportButtons, RunReport } from './run-report';
import { RunTimeline } from './run-timeline';
import { useRunsListStore } from './runs-list-store';

/** One run looked back at: its facts, timeline, recorded terminals, exports, and Delete. */
export function RunDetail({ runId }: { runId: string }) {
  const go = useRouteStore((s) => s.go);
  const [view, setView] = useState<RunView | null>(null);
  const [events, setEvents] = useState<RunEventView[]>([]);
  const [error, setError] = useState<Err | null>(null);
  const readOnly = useSettingsStore((s) => s.app?.observer === true);
  useEffect(() => {
    let live = true;
    Promise.all([api().api['runs.get']({ runId }), api().api['runs.events']({ runId })]).then(
      ([v, e]) => {
        if (!live) return;
        setView(v);
        setEvents(e);
      },
      (e: unknown) => live && setError(asErr(e)),
    );
    return () => {
      live = false;
    };
  }, [runId]);
  const remove = async (): Promise<void> => {
    if (await useRunsListStore.getState().remove(runId)) go('history');
    else setError(useRunsListStore.getState().error);
  };
  const r = view?.run;
  return (
    <>
      <p>
        <a href="#/history">← History</a>
      </p>
      <div className="row">
        <h1>{view?.title ?? runId}</h1>
        {r ? <span className={`pill run-state ${r.state}`}>{stateWords(r.state)}</span> : null}
        {r && !isFinalState(r.state) ? <a href={`#/game-days/${encodeURIComponent(runId)}`}>Open the run room</a> : null}
      </div>
      {error ? <ErrorPanel error={error} /> : null}
      {r ? (
        <dl className="run-facts">
          <div>
            <dt>Scenario</dt>
            <dd>{r.scenario}</dd>
          </div>
          <div>
            <dt>Lab</dt>
            <dd>{r.labId}</dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{formatDate(r.startedAt)}</dd>
          </div>
          <div>
            <dt>Score</dt>
            <dd>{formatScore(r.score)}</dd>
          </div>
          <div>
            <dt>Time to detect</dt>
            <dd>{formatDuration(r.ttdMs)}</dd>
          </div>
          <div>
            <dt>Time to recover</dt>
            <dd>{formatDuration(r.ttrMs)}</dd>
          </div>
          <div>
            <dt>Duration</dt>
            <dd>{formatDuration(r.durationMs)}</dd>
          </div>
        </dl>
      ) : null}
      {view?.actionItems.length ? (
        <section aria-label="Action items">
          <h2>Action items</h2>
          <ul>
            {view.actionItems.map((x, i) => (
              <li key={i}>{x}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {r && !isFinalState(r.state) ? <ExportButtons run={r} /> : null}
      <RunTimeline events={events} withholdFaults={false} canNote={false} />
      <RecordingsList runId={runId} />
      {r && isFinalState(r.state) ? <RunReport run={r} /> : null}
      <div className="row danger-zone" hidden={readOnly}>
        <ConfirmButton className="danger" question="Delete this run, its journal and its recordings?" confirmLabel="Delete for good" onConfirm={() => void remove()} disabled={!!r && !isFinalState(r.state)}>
          Delete run
        </ConfirmButton>
      </div>
    </>
  );
}
