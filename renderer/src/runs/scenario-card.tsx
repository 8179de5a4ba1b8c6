import type { z } from 'zod';
import type { ScenarioSummary } from '../../../main/api/schemas/runs';

type Scenario = z.infer<typeof ScenarioSummary>;
export type StartMode = 'training' | 'facilitated';

/** One scenario: what it is about, its lab, difficulty, duration and tags, and Start in either mode. */
export function ScenarioCard({ s, onStart, busy }: { s: Scenario; onStart: (mode: StartMode) => void; busy: boolean }) {
  const name = s.title ?? s.name;
  return (
    <article className="card" aria-label={name}>
      <h3>{name}</h3>
      <p className="muted">
        <code>{s.name}</code> {s.source === 'user' ? '(yours)' : null}
      </p>
      {s.error ? (
        <pre className="mono error-text">{s.error}</pre>
      ) : (
        <p className="facts">
          {s.lab ? <span>lab {s.lab}</span> : null}
          {s.difficulty ? <span>{s.difficulty}</span> : null}
          {s.duration ? <span>{s.duration}</span> : null}
          {(s.tags ?? []).map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </p>
      )}
      <div className="row card-actions">
        <button type="button" onClick={() => onStart('training')} disabled={busy || !!s.error} aria-label={`Start ${s.name} in training mode`}>
          Start training
        </button>
        <button type="button" className="secondary" onClick={() => onStart('facilitated')} disabled={busy || !!s.error} aria-label={`Start ${s.name} facilitated`}>
          Facilitated
        </button>
      </div>
    </article>
  );
}
