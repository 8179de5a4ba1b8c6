import { useState } from 'react';
import type { z } from 'zod';
import type { ScenarioSummary } from '../../../main/api/schemas/runs';

type Scenario = z.infer<typeof ScenarioSummary>;
export type StartMode = 'training' | 'facilitated';

/** One scenario: what it is about, its lab, difficulty, duration and tags, and Start in either mode. */
export function ScenarioCard({ s, labs, onStart, busy }: { s: Scenario; labs: string[]; onStart: (mode: StartMode, labId?: string) => void; busy: boolean }) {
  const name = s.title ?? s.name;
  const [lab, setLab] = useState('');
  const labId = labs.includes(lab) ? lab : (labs[0] ?? '');
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
      {s.lab && !s.error ? (
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
        <button type="button" onClick={() => onStart('training', labId || undefined)} disabled={busy || !!s.error} aria-label={`Start training: ${s.name}`}>
          Start training
        </button>
        <button type="button" className="secondary" onClick={() => onStart('facilitated', labId || undefined)} disabled={busy || !!s.error} aria-label={`Facilitated: ${s.name}`}>
          Facilitated
        </button>
      </div>
    </article>
  );
}
