import type { V1Pod } from '@kubernetes/client-node';
import { LabdeckError } from '../../api/errors';
import type { PodRef } from '../../api/schemas/terminals';
import { apiMessage, type KubeClient, type PodExecRef } from './kube-client';
import { podContainer } from './pod-summary';

/** A Kubernetes API failure as an error a person can act on: 404 is NOT_FOUND, no answer is CLUSTER_FAILED. */
export function kubeError(err: unknown, what: string, labId: string): LabdeckError {
  if (err instanceof LabdeckError) return err;
  const code = (err as { code?: unknown }).code;
  if (code === 404) return new LabdeckError('NOT_FOUND', `${what}: not found in cluster lab ${labId}`, { hint: 'See the pods on the lab page, or `kubectl get pods -A` with the lab\'s kubeconfig.', cause: err });
  const msg = apiMessage(err);
  const unreachable = typeof code === 'string' || /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up/.test(msg);
  return new LabdeckError('CLUSTER_FAILED', `${what}: ${unreachable ? `the Kubernetes API of lab ${labId} does not answer (${msg})` : msg}`, {
    hint: unreachable ? `Is the cluster running? See \`labdeck status ${labId}\`; a stopped cluster starts with \`k3d cluster start ${labId}\`.` : undefined,
    cause: err,
  });
}

export async function readPod(kube: KubeClient, labId: string, namespace: string, name: string): Promise<V1Pod> {
  try {
    return await kube.readPod(namespace, name);
  } catch (err) {
    throw kubeError(err, `pod ${namespace}/${name}`, labId);
  }
}

/** The pod's namespace, name and container to exec or read logs in (its default container when none is named). */
export async function resolvePodRef(kube: KubeClient, labId: string, ref: PodRef): Promise<{ exec: PodExecRef; pod: V1Pod }> {
  const pod = await readPod(kube, labId, ref.namespace, ref.pod);
  return { pod, exec: { namespace: ref.namespace, pod: ref.pod, container: podContainer(pod, ref.container) } };
}
