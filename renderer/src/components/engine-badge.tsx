import { useEffect } from 'react';
import { useConnectionStore } from '../state/connection-store';
import { useEngineStore } from '../state/engine-store';

/** Always in the header: which engine Labdeck talks to, or why none, with Retry. */
export function EngineBadge() {
  const { status, checking, load, listen } = useEngineStore();
  const connected = useConnectionStore((s) => s.connected);
  useEffect(() => {
    const stop = listen();
    void load();
    return stop;
  }, [listen, load]);

  if (!connected) {
    return (
      <div className="engine-badge down" role="status" aria-label="Engine status">
        <span className="dot" /> Reconnecting to Labdeck…
      </div>
    );
  }
  if (!status) {
    return (
      <div className="engine-badge" role="status" aria-label="Engine status">
        <span className="dot" /> Looking for a container engine…
      </div>
    );
  }
  if (status.connected && status.info) {
    const i = status.info;
    return (
      <div className="engine-badge up" role="status" aria-label="Engine status" title={`${i.endpoint} (${i.source})`}>
        <span className="dot" /> {i.kind === 'podman' ? 'Podman' : 'Docker'} <strong data-testid="engine-version">{i.version}</strong>
        <span className="muted">· API {i.apiVersion} · {i.containersRunning} running</span>
      </div>
    );
  }
  return (
    <div className="engine-badge down" role="status" aria-label="Engine status" title={status.hint}>
      <span className="dot" /> No container engine
      <button type="button" onClick={() => void load(true)} disabled={checking}>
        {checking ? 'Checking…' : 'Retry'}
      </button>
    </div>
  );
}
