import { useCallback, useEffect, useState } from 'react';
import type { LabStatus } from '../../../main/api/schemas/labs';
import { ServicesTable, type ServiceAction } from '../components/services-table';
import { api } from '../state/client';
import { useVisibleInterval } from '../use-visible-interval';
import { useRunDockStore } from './run-dock-store';

/** The lab's services in the room (every 3 s while visible): stop, start, restart, and a shell into the dock. */
export function LabServicesPanel({ runId, labId, enabled }: { runId: string; labId: string; enabled: boolean }) {
  const [status, setStatus] = useState<LabStatus | null>(null);
  const [acting, setActing] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = useCallback(async () => {
    try {
      setStatus(await api().api['labs.status']({ labId }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [labId]);
  useEffect(() => void refresh(), [refresh]);
  useVisibleInterval(refresh, 3000);
  const act = async (container: string, action: ServiceAction): Promise<void> => {
    setActing(container);
    try {
      await api().api['labs.serviceAction']({ labId, container, action });
      setError(null);
      await refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setActing(null);
    }
  };
  return (
    <section className="lab-services" aria-label="Lab services">
      <div className="row">
        <h2>Lab {labId}</h2>
        <a href={`#/labs/${encodeURIComponent(labId)}`}>Open the lab</a>
      </div>
      {error ? <p className="error-text">{error}</p> : null}
      {status ? (
        <ServicesTable
          services={status.services}
          busy={acting}
          onAction={enabled ? (c, a) => void act(c, a) : undefined}
          onShell={enabled ? (s) => useRunDockStore.getState().open(runId, labId, s.service, s.index) : undefined}
        />
      ) : null}
    </section>
  );
}
