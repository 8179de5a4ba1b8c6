import { useState } from 'react';
import { ConfirmButton } from '../components/confirm-button';
import type { RunView } from '../../../main/api/schemas/runs';
import { useRunRoomStore } from './run-room-store';

/** The facilitator's controls: inject a fault now, skip one, pause/resume, extend, reveal a solution, abort. */
export function FacilitatorPanel({ view }: { view: RunView }) {
  const act = useRunRoomStore((s) => s.act);
  const busy = useRunRoomStore((s) => s.busy);
  const last = useRunRoomStore((s) => s.last);
  const [minutes, setMinutes] = useState(5);
  const [reason, setReason] = useState('');
  const state = view.run.state;
  const running = state === 'running';
  const paused = state === 'paused';
  return (
    <section className="facilitator-panel" aria-label="Facilitator controls">
      <h2>Facilitator</h2>
      <table className="services" aria-label="Faults">
        <thead>
          <tr>
            <th>Fault</th>
            <th>What</th>
            <th>Trigger</th>
            <th>Status</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {view.faults.map((f) => (
            <tr key={f.id}>
              <td>{f.id}</td>
              <td>
                {f.action} on {f.target}
                {f.description ? <div className="muted">{f.description}</div> : null}
              </td>
              <td>{f.manual ? 'manual' : 'timed'}</td>
              <td aria-label={`Status of fault ${f.id}`}>
                {f.status}
                {f.message ? <div className="muted">{f.message}</div> : null}
              </td>
              <td className="row-actions">
                {f.status === 'pending' ? (
                  <>
                    <button type="button" aria-label={`Inject ${f.id} now`} disabled={!running || !!busy} onClick={() => void act({ type: 'inject', fault: f.id })}>
                      {busy === `inject:${f.id}` ? 'Injecting…' : 'Inject now'}
                    </button>
                    <button type="button" className="secondary" aria-label={`Skip ${f.id}`} disabled={!(running || paused) || !!busy} onClick={() => void act({ type: 'skip', fault: f.id })}>
                      Skip
                    </button>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row facilitator-controls">
        {paused ? (
          <button type="button" onClick={() => void act({ type: 'resume' })} disabled={!!busy}>
            Resume
          </button>
        ) : (
          <button type="button" onClick={() => void act({ type: 'pause' })} disabled={!running || !!busy}>
            Pause
          </button>
        )}
        <label>
          Extend by{' '}
          <select aria-label="Minutes to extend" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
            {[1, 5, 10, 15, 30].map((m) => (
              <option key={m} value={m}>
                {m} min
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={() => void act({ type: 'extend', minutes })} disabled={!(running || paused) || !!busy}>
          Extend
        </button>
        {view.tasks
          .filter((t) => !t.solution)
          .map((t) => (
            <button key={t.id} type="button" className="secondary" onClick={() => void act({ type: 'solution', task: t.id })} disabled={!!busy}>
              Reveal solution of {t.id}
            </button>
          ))}
      </div>
      <form
        className="row"
        aria-label="Abort the run"
        // Enter in the reason does not abort: only the confirmed button does
        onSubmit={(e) => e.preventDefault()}
      >
        <input type="text" aria-label="Abort reason" placeholder="Why (optional)" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
        <ConfirmButton
          className="danger"
          question="Abort the run? Its faults are reverted and it ends as aborted."
          confirmLabel="Abort now"
          onConfirm={() => void act({ type: 'abort', ...(reason.trim() ? { reason: reason.trim() } : {}) })}
          disabled={!!busy}
        >
          {busy === 'abort' ? 'Aborting…' : 'Abort run'}
        </ConfirmButton>
      </form>
      {last && /^(inject|skip|pause|resume|extend|abort|solution)/.test(last.key) ? (
        <p className={last.ok ? 'dash-ok' : 'error-text'} role="status" aria-label="Last facilitator action">
          {last.message}
        </p>
      ) : null}
    </section>
  );
}
