import { useCallback, useEffect, useState } from 'react';
import type { LabSummary } from '../../../main/api/schemas/labs';
import { api } from '../state/client';
import { useConnectionStore } from '../state/connection-store';
import { useEngineStore } from '../state/engine-store';
import { useLabsStore } from '../state/labs-store';
import { useVisibleInterval } from '../use-visible-interval';
import { runningLabsText } from './running-labs';

/** The labs, as the Labs page last loaded them or as listed here every 10 s (the header is on every page). */
function useRunningLabs(connected: boolean): string | null {
  const fromPage = useLabsStore((s) => s.labs);
  const [listed, setListed] = useState<LabSummary[] | null>(null);
  const refresh = useCallback(async () => {
    if (connected) setListed(await api().api['labs.list']().catch(() => null));
  }, [connected]);
  useEffect(() => void refresh(), [refresh, fromPage]);
  useVisibleInterval(refresh, 10_000);
  return runningLabsText(listed ?? fromPage);
}

/** Always in the header: which engine Labdeck talks to, or why none, with Retry. */
export function EngineBadge() {
  const { status, checking, load, listen } = useEngineStore();
  const connected = useConnectionStore((s) => s.connected);
  const running = useRunningLabs(connected);
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
        <span className="muted">
          · API {i.apiVersion}
          {running ? ` · ${running}` : ''}
        </span>
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
