import type { LabReadiness } from '../../../main/api/schemas/bundles';
import type { TemplateSummary } from '../../../main/api/schemas/labs';

function mib(bytes?: number): string | null {
  return bytes ? `${Math.round(bytes / 1024 / 1024)} MiB` : null;
}

/** One lab template: what it is, what it costs, and Start. */
/** Whether `up` needs a registry: every image present (ready offline), or the ones missing. */
function OfflineLine({ r }: { r: LabReadiness }) {
  if (r.error) return null;
  if (r.ready) return <p className="offline-ready">✓ Ready offline: every image is on the engine</p>;
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

export function TemplateCard({ t, onStart, busy, offline }: { t: TemplateSummary; onStart: () => void; busy: boolean; offline?: LabReadiness }) {
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
      {offline ? <OfflineLine r={offline} /> : null}
      {/* A cluster template goes through the same up flow (labs.up routes it to k3d). */}
      <button type="button" onClick={onStart} disabled={busy || !!t.error} aria-label={`${t.kind === 'cluster' ? 'Create' : 'Start'} ${t.name}`}>
        {t.kind === 'cluster' ? 'Create' : 'Start'}
      </button>
    </article>
  );
}
