import { z } from 'zod';
import { LabId } from './labs';

const Count = z.object({ running: z.number().int(), count: z.number().int() });

/** A k3d cluster Labdeck made, as `k3d cluster list -o json` reports it. */
export const ClusterSummary = z.object({
  labId: z.string(),
  servers: Count,
  agents: Count,
  nodes: z.array(z.object({ name: z.string(), role: z.string(), running: z.boolean() })),
  /** The cluster's kubeconfig in Labdeck's data folder (`KUBECONFIG=` for kubectl). */
  kubeconfig: z.string(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

export const ClusterCreateParams = z
  .object({
    template: z.string().min(1).max(4096),
    name: LabId.optional(),
    /** Also merge the kubeconfig into ~/.kube/config (the current context is not switched). */
    mergeKubeconfig: z.boolean().optional(),
  })
  .strict();

export const ClusterRef = z.object({ labId: LabId }).strict();

/** A pod of a cluster lab, as `kubectl get pods` shows it. */
export const PodSummary = z.object({
  namespace: z.string(),
  name: z.string(),
  phase: z.string(),
  /** kubectl's STATUS: a container's waiting or terminated reason (CrashLoopBackOff, OOMKilled, …), Terminating, or the phase. */
  status: z.string(),
  /** Containers ready, of `containers`. */
  ready: z.number().int(),
  containers: z.array(z.string()),
  /** The container a shell or a log opens in when none is named. */
  defaultContainer: z.string().optional(),
  restarts: z.number().int(),
  node: z.string().optional(),
  startedAt: z.string().optional(),
});
export type PodSummary = z.infer<typeof PodSummary>;

export const PodsParams = z
  .object({
    labId: LabId,
    /** One namespace; every namespace when omitted. */
    namespace: z.string().min(1).max(253).optional(),
  })
  .strict();
