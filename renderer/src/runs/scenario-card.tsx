import { useId, useState } from 'react';
import type { z } from 'zod';
import type { ScenarioSummary } from '../../../main/api/schemas/runs';

type Scenario = z.infer<typeof ScenarioSummary>;
export type StartMode = 'training' | 'facilitated';

/** One scenario: what it is about, its lab, difficulty, duration and tags, and Start in either mode. */
export function ScenarioCard({ s, labs, onStart, busy }: { s: Scenario; labs: string[]; onStart: (mode: StartMode, labId?: string) => void; busy: boolean }) {
  const name = s.title ?? s.name;
  const [lab, setLab] = useState('');
  const labId = labs.includes(lab) ? lab : (labs[0] ?? '');
  const whyId = useId();
  // a scenario whose lab cannot start here (a cluster without k3d) is shown, not hidden, with the reason
  const blocked = !!s.error || !!s.unavailable;
  const why = s.unavailable ? { 'aria-describedby': whyId } : {};
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
      {s.unavailable ? (
        <p id={whyId} className="unavailable">
          {s.unavailable}
        </p>
      ) : null}
      {s.lab && !blocked ? (
        <label className="dash-control">
          <span>Lab</span>
          <select aria-label={`Lab for ${s.name}`} value={labId} onChange={(e) => setLab(e.target.value)}>
            {labs.map((l) => (
              <option key={l} value={l}>
                {l} (running)
              </option>
            ))}
            <option value="">start a new {s.lab}</option>
          </select>
        </label>
      ) : null}
      <div className="row card-actions">
        <button type="button" onClick={() => onStart('training', labId || undefined)} disabled={busy || blocked} aria-label={`Start training: ${s.name}`} {...why}>
          Start training
        </button>
        <button type="button" className="secondary" onClick={() => onStart('facilitated', labId || undefined)} disabled={busy || blocked} aria-label={`Facilitated: ${s.name}`} {...why}>
          Facilitated
        </button>
      </div>
    </article>
  );
}
