import type { KubeClient } from '../cluster/kube-client';
import { resolvePodRef } from '../cluster/pod-access';
import type { OpenTerminalParams, TerminalTarget } from '../../api/schemas/terminals';
import { startPodExec } from './pod-session';
import type { TerminalProcess } from './terminal-process';

export type PodTarget = Extract<TerminalTarget, { kind: 'pod' }>;

/** Opens shells in the pods of cluster labs (the `pod` terminal target). */
export interface PodTerminalStarter {
  start(target: PodTarget, p: Pick<OpenTerminalParams, 'cols' | 'rows' | 'command'>): Promise<{ proc: TerminalProcess; container: string; title: string }>;
}

/** `kube(labId)` gives the lab's Kubernetes client, or fails when the lab is not a cluster lab. */
export function podTerminals(kube: (labId: string) => Promise<KubeClient>): PodTerminalStarter {
  return {
    async start(t, p) {
      const client = await kube(t.labId);
      const { exec, pod } = await resolvePodRef(client, t.labId, t);
      const proc = await startPodExec(client, exec, { argv: p.command, cols: p.cols, rows: p.rows });
      const several = (pod.spec?.containers?.length ?? 0) > 1;
      return { proc, container: `${exec.namespace}/${exec.pod}/${exec.container}`, title: `${exec.pod}${several ? `/${exec.container}` : ''} (${t.labId})` };
    },
  };
}
