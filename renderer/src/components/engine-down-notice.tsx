import { useEngineStore } from '../state/engine-store';

/** Shown on pages that need an engine while none answers: where Labdeck looked and how to start one. */
export function EngineDownNotice() {
  const status = useEngineStore((s) => s.status);
  if (!status || status.connected) return null;
  return (
    <section className="notice error" role="alert" aria-label="No container engine">
      <h2>No container engine answered</h2>
      <p>{status.hint}</p>
      <details>
        <summary>Where Labdeck looked</summary>
        <ul className="mono">
          {status.looked.map((l) => (
            <li key={l.endpoint}>
              {l.result}: {l.endpoint} ({l.detail ?? l.source}){l.error ? ` — ${l.error}` : ''}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
