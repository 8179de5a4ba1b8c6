import { useState } from 'react';
import type { RunView } from '../../../main/api/schemas/runs';
import { formatDuration, formatScore, stateWords } from './run-format';
import { RunReport } from './run-report';
import { PassFailIcon } from '../components/pass-fail-icon';
import { useSettingsStore } from '../state/settings-store';
import { useRunRoomStore } from './run-room-store';

/** The end of a run: result, score explained, every check's verdict, time to detect and recover, action items, the report. */
export function RunEnd({ view }: { view: RunView }) {
  const act = useRunRoomStore((s) => s.act);
  const last = useRunRoomStore((s) => s.last);
  const [items, setItems] = useState(() => view.actionItems.join('\n'));
  const [showReport, setShowReport] = useState(false);
  const list = items
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const state = view.run.state;
  const readOnly = useSettingsStore((s) => s.app?.observer === true);
  return (
    <section className={`run-end ${state}`} aria-label="Result">
      <h2>
        Result: {stateWords(state)}
        {view.reason ? <span className="muted"> ({view.reason})</span> : null}
      </h2>
      <dl className="run-facts">
        <div>
          <dt>Score</dt>
          <dd aria-label="Score">{formatScore(view.score?.total ?? view.run.score)}</dd>
        </div>
        {view.score ? (
          <>
            <div>
              <dt>Resilience</dt>
              <dd>{Math.round(view.score.resilience)}</dd>
            </div>
            <div>
              <dt>Response</dt>
              <dd>{Math.round(view.score.response)}</dd>
            </div>
          </>
        ) : null}
        <div>
          <dt>Time to detect</dt>
          <dd aria-label="Time to detect">{formatDuration(view.run.ttdMs)}</dd>
        </div>
        <div>
          <dt>Time to recover</dt>
          <dd aria-label="Time to recover">{formatDuration(view.run.ttrMs)}</dd>
        </div>
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(view.run.durationMs)}</dd>
        </div>
      </dl>
      {view.score?.explanation.length ? (
        <ul className="score-explanation" aria-label="How the score was made">
          {view.score.explanation.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ul>
      ) : null}
      <table className="services" aria-label="Verdicts">
        <thead>
          <tr>
            <th />
            <th>Phase</th>
            <th>Check</th>
            <th>Message</th>
          </tr>
        </thead>
        <tbody>
          {view.verdicts.map((v, i) => (
            <tr key={i} className={v.ok ? 'ok' : 'bad'}>
              <td>
                <PassFailIcon ok={v.ok} />
              </td>
              <td>{v.phase}</td>
              <td>{v.name}</td>
              <td>{v.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        hidden={readOnly}
        className="action-items"
        aria-label="Action items"
        onSubmit={(e) => {
          e.preventDefault();
          void act({ type: 'actionItems', items: list });
        }}
      >
        <label className="field">
          <span>Action items (one a line)</span>
          <textarea aria-label="Action items" rows={4} value={items} onChange={(e) => setItems(e.target.value)} />
        </label>
        <button type="submit">Save action items</button>
        {last?.key === 'actionItems' ? (
          <span className={last.ok ? 'dash-ok' : 'error-text'} role="status">
            {' '}
            {last.message}
          </span>
        ) : null}
      </form>
      <p className="row">
        <button type="button" onClick={() => setShowReport((v) => !v)}>
          {showReport ? 'Hide the report' : 'Open the report'}
        </button>
        <a href={`#/history/${encodeURIComponent(view.run.id)}`}>This run in History</a>
      </p>
      {showReport ? <RunReport key={view.actionItems.join('\n')} run={view.run} /> : null}
    </section>
  );
}
