import { useState } from 'react';
import type { LabReadiness } from '../../../main/api/schemas/bundles';
import type { TemplateSummary } from '../../../main/api/schemas/labs';
import type { TrackedJob } from '../state/jobs-store';
import { parseStartOptions, type StartOptions } from '../state/start-options';
import { JobPanel } from './job-panel';

function mib(bytes?: number): string | null {
  return bytes ? `${Math.round(bytes / 1024 / 1024)} MiB` : null;
}

/** Whether `up` needs a registry: every image present (ready offline), or the ones missing. */
function OfflineLine({ r }: { r: LabReadiness }) {
  if (r.error) return null;
  if (r.ready) return <p className="offline-ready">Ready offline: every image is on the engine</p>;
  return (
    <div className="offline-missing">
      <p>Not ready offline: {r.missing.length === 1 ? '1 image is' : `${r.missing.length} images are`} missing</p>
      <ul aria-label={`Missing images of ${r.lab}`} className="mono">
        {r.missing.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}

/** What a card's Start starts: a user's file by its path, a catalog template by its name. */
export const templateRef = (t: TemplateSummary): string => (t.source === 'file' ? t.file : t.name);

/** One lab template: what it is, what it costs, and Start (with env files and profiles for a Compose template); the start's progress is drawn on the card that was clicked. */
export function TemplateCard({ t, onStart, busy, jobs = [], offline }: { t: TemplateSummary; onStart: (opts: StartOptions) => void; busy: boolean; jobs?: TrackedJob[]; offline?: LabReadiness }) {
  const [envFiles, setEnvFiles] = useState('');
  const [profiles, setProfiles] = useState('');
  const options = parseStartOptions(envFiles, profiles);
  const invalid = 'error' in options ? options.error : null;
  return (
    <article className="card" aria-label={t.title}>
      <h3>
        {t.title}
        {t.kind === 'cluster' ? <span className="tag"> cluster</span> : null}
      </h3>
      <p className="muted">{t.description || t.file}</p>
      {t.error ? (
        <pre className="mono error-text">{t.error}</pre>
      ) : (
        <p className="facts">
          <span>{t.kind === 'cluster' ? `${t.containers} k3d nodes` : `${t.containers} containers`}</span>
          {mib(t.estimatedMemoryBytes) ? <span>~{mib(t.estimatedMemoryBytes)}</span> : null}
          {t.difficulty ? <span>{t.difficulty}</span> : null}
          {t.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </p>
      )}
      {t.kind === 'cluster' ? null : (
        <details>
          <summary>Env files and profiles</summary>
          <label className="field">
            Env files beside the template (instead of .env; a later one wins)
            <input type="text" value={envFiles} onChange={(e) => setEnvFiles(e.target.value)} placeholder=".env.staging" aria-invalid={invalid?.startsWith('Env') || undefined} />
          </label>
          <label className="field">
            Profiles
            <input type="text" value={profiles} onChange={(e) => setProfiles(e.target.value)} placeholder="debug, tools" aria-invalid={invalid?.startsWith('Profiles') || undefined} />
          </label>
          {invalid ? (
            <p className="error-text" role="alert">
              {invalid}
            </p>
          ) : null}
        </details>
      )}
      {offline ? <OfflineLine r={offline} /> : null}
      {/* A cluster template goes through the same up flow (labs.up routes it to k3d). */}
      <button
        type="button"
        onClick={() => !invalid && onStart('error' in options ? {} : options)}
        disabled={busy || !!t.error || !!invalid}
        aria-label={`${t.kind === 'cluster' ? 'Create' : 'Start'} ${t.name}`}
      >
        {t.kind === 'cluster' ? 'Create' : 'Start'}
      </button>
      {jobs.map((j) => (
        <JobPanel key={j.summary.jobId} job={j} heading="h4" />
      ))}
    </article>
  );
}
