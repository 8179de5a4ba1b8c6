import type { PodSummary } from '../../../main/api/schemas/clusters';
import type { LabStatus } from '../../../main/api/schemas/labs';
import type { PodRef, TerminalTarget } from '../../../main/api/schemas/terminals';

/** A cluster lab: its template is a cluster.yaml, or its containers are k3s nodes. */
export function isClusterLab(status: Pick<LabStatus, 'template' | 'services'> | null): boolean {
  if (!status) return false;
  return !!status.template?.endsWith('cluster.yaml') || status.services.some((s) => s.role === 'k3s-server' || s.role === 'k3s-agent');
}

const BAD = /BackOff|Err|Error|OOMKilled|Failed|Evicted|Unknown|Invalid/;

/** The pill colour of kubectl's STATUS: running, starting (pending, creating, terminating), or unhealthy. */
export function podPill(p: Pick<PodSummary, 'status' | 'phase'>): 'running' | 'starting' | 'unhealthy' | 'exited' {
  if (BAD.test(p.status)) return 'unhealthy';
  if (p.status === 'Running') return 'running';
  if (p.phase === 'Succeeded' || p.status === 'Completed') return 'exited';
  return 'starting';
}

/** The pod as the API names it (default container: the server picks it). */
export const podRef = (p: PodSummary): PodRef => ({ namespace: p.namespace, pod: p.name });

export const podTarget = (labId: string, p: PodSummary): TerminalTarget => ({ kind: 'pod', labId, ...podRef(p) });

/** Pods of the lab's own namespaces first, the system's (kube-system, monitoring) after. */
const SYSTEM = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'monitoring']);
export function sortPods(pods: PodSummary[]): PodSummary[] {
  return [...pods].sort((a, b) => Number(SYSTEM.has(a.namespace)) - Number(SYSTEM.has(b.namespace)) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
