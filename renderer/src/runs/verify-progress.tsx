import { useMemo } from 'react';
import { PassFailIcon } from '../components/pass-fail-icon';
import { attemptWords, verifyProgress } from './probe-progress';
import { useRunRoomStore } from './run-room-store';

const PHASES: Record<string, string> = { verify: 'verify', 'steady-state-after': 'steady state' };
const phaseWords = (phase: string): string => PHASES[phase] ?? (phase.startsWith('task:') ? `task ${phase.slice(5)}` : phase);

/** While the run verifies: each probe as it runs (its attempts and last output), then its verdict. */
export function VerifyProgress() {
  const events = useRunRoomStore((s) => s.events);
  const probes = useMemo(() => verifyProgress(events), [events]);
  return (
    <section className="verify-progress" aria-label="Verification">
      <h2>Verifying</h2>
      {probes.length === 0 ? <p className="muted">Starting the verification…</p> : null}
      <ol>
        {probes.map((p, i) => (
          <li key={i} className={p.state} aria-label={`${phaseWords(p.phase)}: ${p.name}`}>
            {p.state === 'running' ? <span className="spinner" aria-hidden="true" /> : <PassFailIcon ok={p.state === 'ok'} label="" />}{' '}
            <span className="muted">{phaseWords(p.phase)}</span> <strong>{p.name}</strong>{' '}
            <span className="muted">{p.state === 'running' ? attemptWords(p) : p.state === 'ok' ? 'passed' : 'failed'}</span>
            {p.message ? <span className="mono"> {p.message}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
