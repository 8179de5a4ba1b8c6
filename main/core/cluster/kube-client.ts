import type { Writable, Readable } from 'node:stream';
import type { AppsV1Api, CoreV1Api, KubeConfig, KubernetesObjectApi, V1Node, V1Pod, V1Status, CoreV1Event } from '@kubernetes/client-node';
import { LabdeckError } from '../../api/errors';
import { throwIfCancelled } from '../jobs/job-registry';
import { sleepUnlessAborted } from '../system/sleep';
import type { KubeObject } from './manifest-docs';

export const FIELD_MANAGER = 'labdeck';

export interface RolloutRef {
  namespace: string;
  kind: 'deployment' | 'daemonset' | 'statefulset';
  name: string;
}

type ClientNode = typeof import('@kubernetes/client-node');
interface Api {
  k8s: ClientNode;
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  objects: KubernetesObjectApi;
}

/**
 * The Kubernetes API of one cluster lab, through its kubeconfig in Labdeck's data folder.
 * client-node (tens of MB and ~0.3 s to load) is imported on the first call, so that commands and
 * processes that never talk to a cluster do not pay for it.
 */
export class KubeClient {
  private loaded?: Promise<Api>;

  constructor(private readonly kubeconfigFile: string) {}

  private api(): Promise<Api> {
    this.loaded ??= import('@kubernetes/client-node').then((k8s) => {
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(this.kubeconfigFile);
      return { k8s, kc, core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api), objects: k8s.KubernetesObjectApi.makeApiClient(kc) };
    });
    return this.loaded;
  }

  /** Server-side apply, Labdeck as field manager, conflicts forced (the template owns these objects). */
  async apply(objects: KubeObject[], onApplied?: (o: KubeObject) => void): Promise<void> {
    const { k8s, objects: api } = await this.api();
    for (const o of objects) {
      try {
        await api.patch(o, undefined, undefined, FIELD_MANAGER, true, k8s.PatchStrategy.ServerSideApply);
      } catch (err) {
        throw new LabdeckError('CLUSTER_FAILED', `apply ${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}: ${apiMessage(err)}`, { cause: err });
      }
      onApplied?.(o);
    }
  }

  /** Whether a rollout is complete: observed, updated, and every replica available (daemon sets: on every node). */
  async rolledOut(ref: RolloutRef): Promise<boolean> {
    const { apps } = await this.api();
    if (ref.kind === 'daemonset') {
      const ds = await apps.readNamespacedDaemonSet({ name: ref.name, namespace: ref.namespace });
      const s = ds.status;
      return !!s && (s.observedGeneration ?? 0) >= (ds.metadata?.generation ?? 0) && s.desiredNumberScheduled > 0 && s.numberAvailable === s.desiredNumberScheduled && s.updatedNumberScheduled === s.desiredNumberScheduled;
    }
    const w = ref.kind === 'deployment' ? await apps.readNamespacedDeployment({ name: ref.name, namespace: ref.namespace }) : await apps.readNamespacedStatefulSet({ name: ref.name, namespace: ref.namespace });
    const want = w.spec?.replicas ?? 1;
    const s = w.status;
    return !!s && (s.observedGeneration ?? 0) >= (w.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) === want && (s.availableReplicas ?? 0) === want;
  }

  /** Polls until every rollout is complete, or CLUSTER_FAILED naming those that are not. */
  async waitRollouts(refs: RolloutRef[], opts: { timeoutMs: number; signal?: AbortSignal; onWaiting?: (left: RolloutRef[]) => void }): Promise<void> {
    const deadline = Date.now() + opts.timeoutMs;
    let left = refs;
    for (;;) {
      const done = await Promise.all(left.map((r) => this.rolledOut(r).catch(() => false)));
      left = left.filter((_, i) => !done[i]);
      if (!left.length) return;
      opts.onWaiting?.(left);
      if (Date.now() > deadline) throw new LabdeckError('CLUSTER_FAILED', `not rolled out after ${Math.round(opts.timeoutMs / 1000)} s: ${left.map((r) => `${r.namespace}/${r.kind}/${r.name}`).join(', ')}`, { hint: 'See the pods and events: `labdeck cluster pods <lab>` or kubectl with the lab\'s kubeconfig.' });
      await sleepUnlessAborted(2000, opts.signal);
      if (opts.signal) throwIfCancelled(opts.signal);
    }
  }

  async nodes(): Promise<V1Node[]> {
    return (await (await this.api()).core.listNode()).items;
  }

  async pods(namespace?: string): Promise<V1Pod[]> {
    const { core } = await this.api();
    return (namespace ? await core.listNamespacedPod({ namespace }) : await core.listPodForAllNamespaces()).items;
  }

  async deletePod(namespace: string, name: string): Promise<void> {
    await (await this.api()).core.deleteNamespacedPod({ namespace, name });
  }

  async events(namespace?: string): Promise<CoreV1Event[]> {
    const { core } = await this.api();
    return (namespace ? await core.listNamespacedEvent({ namespace }) : await core.listEventForAllNamespaces()).items;
  }

  async readPod(namespace: string, name: string): Promise<V1Pod> {
    return (await this.api()).core.readNamespacedPod({ namespace, name });
  }

  /**
   * Runs an argv in a pod's container over the API's exec WebSocket (channel.k8s.io framing: 0
   * stdin, 1 stdout, 2 stderr, 3 the status, 4 resize). A terminal passes tty, stdin and a stdout
   * that has `columns`/`rows` and emits 'resize' (client-node sends each size on channel 4). The
   * status (exit code) goes to `onStatus`; the socket is returned for pause/resume and close.
   */
  async exec(ref: PodExecRef, argv: string[], io: { stdout: Writable; stderr?: Writable; stdin?: Readable; tty?: boolean; onStatus?: (s: V1Status) => void }): Promise<PodSocket> {
    const { k8s, kc } = await this.api();
    const exec = new k8s.Exec(kc);
    const inner = exec.handler;
    // The original channel.k8s.io carries plain text on channel 3, which client-node parses as JSON:
    // the throw would escape as an uncaught exception. It becomes a Failure status here instead.
    exec.handler = {
      connect: (path, text, binary) =>
        inner.connect(path, text, (stream, buff) => {
          try {
            return binary ? binary(stream, buff) : true;
          } catch {
            if (stream === 3) io.onStatus?.(plainStatus(buff.toString('utf8')));
            return stream !== 3;
          }
        }),
    };
    return (await exec.exec(ref.namespace, ref.pod, ref.container, argv, io.stdout, io.stderr ?? null, io.stdin ?? null, io.tty ?? false, io.onStatus)) as unknown as PodSocket;
  }

  /**
   * Streams a pod container's log into `out` (GET …/pods/P/log, timestamps on); the returned
   * function stops it. A response that fails or is aborted ends `out` too (the response body
   * announces itself through `out`'s 'pipe' event), so whoever waits for `out` to finish is not left waiting.
   */
  async logs(ref: PodExecRef, out: Writable, opts: { follow?: boolean; tailLines?: number } = {}): Promise<() => void> {
    out.on('pipe', (src: NodeJS.ReadableStream) => src.on('error', () => out.end()));
    const { k8s, kc } = await this.api();
    const controller = await new k8s.Log(kc).log(ref.namespace, ref.pod, ref.container, out, { follow: opts.follow ?? false, tailLines: opts.tailLines, timestamps: true });
    return () => controller.abort();
  }
}

export interface PodExecRef {
  namespace: string;
  pod: string;
  container: string;
}

/** The exec WebSocket as a terminal needs it (the `ws` package's WebSocket). */
export interface PodSocket {
  readonly protocol: string;
  pause(): void;
  resume(): void;
  close(): void;
  terminate(): void;
  once(event: 'close', listener: () => void): void;
}

/** A status from channel.k8s.io's plain-text error channel ("… exit code 3"): the trailing number is the exit code. */
export function plainStatus(text: string): V1Status {
  const code = /exit code\D*(\d+)\s*$/i.exec(text.trim())?.[1];
  return code ? { status: 'Failure', message: text, reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: code }] } } : { status: 'Failure', message: text };
}

/** The API server's own message (a Status body) when there is one. */
export function apiMessage(err: unknown): string {
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body.slice(0, 300);
    }
  }
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return err instanceof Error ? err.message : String(err);
}
