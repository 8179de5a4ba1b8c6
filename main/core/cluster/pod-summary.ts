import type { V1Pod } from '@kubernetes/client-node';
import { LabdeckError } from '../../api/errors';
import type { PodSummary } from '../../api/schemas/clusters';

/** kubectl's annotation naming the container `kubectl exec` and `kubectl logs` pick by default. */
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/** The container to open: the one asked for (it must exist), else the pod's default, else its first. */
export function podContainer(pod: V1Pod, wanted?: string): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const where = `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
  if (wanted) {
    if (names.includes(wanted)) return wanted;
    throw new LabdeckError('NOT_FOUND', `pod ${where} has no container ${wanted}`, { hint: `Its containers: ${names.join(', ') || 'none'}.` });
  }
  const preferred = pod.metadata?.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (preferred && names.includes(preferred)) return preferred;
  if (!names[0]) throw new LabdeckError('NOT_FOUND', `pod ${where} has no containers`);
  return names[0];
}

/** What kubectl prints in STATUS: Terminating, a container's waiting or terminated reason, or the phase. */
function statusOf(pod: V1Pod): string {
  if (pod.metadata?.deletionTimestamp) return 'Terminating';
  for (const c of pod.status?.containerStatuses ?? []) {
    const reason = c.state?.waiting?.reason ?? c.state?.terminated?.reason;
    if (reason && reason !== 'Completed') return reason;
  }
  return pod.status?.reason ?? pod.status?.phase ?? 'Unknown';
}

export function podSummary(pod: V1Pod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const containers = (pod.spec?.containers ?? []).map((c) => c.name);
  const start = pod.status?.startTime as Date | string | undefined;
  return {
    namespace: pod.metadata?.namespace ?? '',
    name: pod.metadata?.name ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    status: statusOf(pod),
    ready: statuses.filter((c) => c.ready).length,
    containers,
    defaultContainer: containers.length ? podContainer(pod) : undefined,
    restarts: statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    node: pod.spec?.nodeName,
    startedAt: start === undefined ? undefined : start instanceof Date ? start.toISOString() : String(start),
  };
}

/** Pods sorted as a person scans them: by namespace, then name. */
export function podSummaries(pods: V1Pod[]): PodSummary[] {
  return pods.map(podSummary).sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}
