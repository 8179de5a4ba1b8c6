import { useCallback, useEffect, useState } from 'react';
import { LabdeckError } from '../../../main/api/labdeck-error';
import type { PodSummary } from '../../../main/api/schemas/clusters';
import { api } from '../state/client';
import { useRouteStore } from '../state/route-store';
import { useTerminalsStore } from '../terminals/terminals-store';
import { useVisibleInterval } from '../use-visible-interval';
import { ErrorPanel } from './error-panel';
import { podTarget, sortPods } from './pod-rows';
import { PodsTable } from './pods-table';

type Err = { code: string; message: string; hint?: string };

/** A cluster lab's pods, live (every 5 s while visible): "Open shell" opens a pod terminal, "Logs" hands the pod up. */
export function ClusterPods({ labId, onLogs }: { labId: string; onLogs: (p: PodSummary) => void }) {
  const [pods, setPods] = useState<PodSummary[] | null>(null);
  const [error, setError] = useState<Err | null>(null);
  const go = useRouteStore((s) => s.go);
  const refresh = useCallback(async () => {
    try {
      setPods(sortPods(await api().api['clusters.pods']({ labId })));
      setError(null);
    } catch (e) {
      setError(e instanceof LabdeckError ? e.toValue() : { code: 'INTERNAL', message: String(e) });
    }
  }, [labId]);
  useEffect(() => void refresh(), [refresh]);
  useVisibleInterval(refresh, 5000);
  return (
    <section aria-label="Cluster pods">
      <h2>Pods</h2>
      {error ? <ErrorPanel error={error} /> : null}
      {pods ? (
        <PodsTable
          pods={pods}
          onShell={(p) => {
            useTerminalsStore.getState().open(podTarget(labId, p));
            go('terminals');
          }}
          onLogs={onLogs}
        />
      ) : null}
    </section>
  );
}
