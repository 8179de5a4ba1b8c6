import { useCallback, useEffect, useReducer, useState } from 'react';
import type { LabStatus } from '../../../main/api/schemas/labs';
import { ServicesTable, type ServiceAction } from '../components/services-table';
import { api } from '../state/client';
import { useVisibleInterval } from '../use-visible-interval';
import { useRunDockStore } from './run-dock-store';
import { NO_ERRORS, panelErrors, shownErrors } from './services-panel-errors';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The lab's services in the room (every 3 s while visible): stop, start, restart, and a shell into the dock. */
export function LabServicesPanel({ runId, labId, enabled }: { runId: string; labId: string; enabled: boolean }) {
  const [status, setStatus] = useState<LabStatus | null>(null);
  const [acting, setActing] = useState<string | null>(null);
  const [errors, tell] = useReducer(panelErrors, NO_ERRORS);
  const refresh = useCallback(async () => {
    try {
      setStatus(await api().api['labs.status']({ labId }));
      tell({ type: 'status.ok' });
    } catch (e) {
      tell({ type: 'status.failed', message: message(e) });
    }
  }, [labId]);
  useEffect(() => void refresh(), [refresh]);
  useVisibleInterval(refresh, 3000);
  const act = async (container: string, action: ServiceAction): Promise<void> => {
    setActing(container);
    try {
      await api().api['labs.serviceAction']({ labId, container, action });
      tell({ type: 'action.ok' });
      await refresh();
    } catch (e) {
      tell({ type: 'action.failed', message: message(e) });
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
      {shownErrors(errors).map((m) => (
        <p key={m} className="error-text">
          {m}
        </p>
      ))}
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
