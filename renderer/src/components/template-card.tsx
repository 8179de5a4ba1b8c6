import { useState } from 'react';
import type { TemplateSummary } from '../../../main/api/schemas/labs';
import type { TrackedJob } from '../state/jobs-store';
import { parseStartOptions, type StartOptions } from '../state/start-options';
import { JobPanel } from './job-panel';

function mib(bytes?: number): string | null {
  return bytes ? `${Math.round(bytes / 1024 / 1024)} MiB` : null;
}

/** What a card's Start starts: a user's file by its path, a catalog template by its name. */
export const templateRef = (t: TemplateSummary): string => (t.source === 'file' ? t.file : t.name);


/** One lab template: what it is, what it costs, and Start (with env files and profiles for a Compose template); the start's progress is drawn on the card that was clicked. */
export function TemplateCard({ t, onStart, busy, jobs = [] }: { t: TemplateSummary; onStart: (opts: StartOptions) => void; busy: boolean; jobs?: TrackedJob[] }) {
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
