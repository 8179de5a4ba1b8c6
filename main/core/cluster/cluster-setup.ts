import type { JobContext } from '../jobs/job-registry';
import type { ClusterTemplate } from './cluster-template';
import { readManifests } from './cluster-template';
import { KubeClient, type RolloutRef } from './kube-client';
import { parseManifest } from './manifest-docs';

const PULL_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff']);

/**
 * After `create` and the image import: pods that tried to pull before the images arrived are
 * deleted so their controllers start them at once (a pull back-off waits up to 5 minutes), then the
 * template's manifests are applied server-side and its rollouts awaited.
 */
export async function setUpCluster(kube: KubeClient, t: ClusterTemplate, ctx: JobContext, timeoutMs: number): Promise<void> {
  await kickPullBackoffs(kube, ctx);
  for (const m of await readManifests(t)) {
    const objects = parseManifest(m.text, m.file);
    ctx.progress('apply', { message: `${m.file.split(/[\\/]/).pop()}: ${objects.length} objects` });
    await kube.apply(objects, (o) => ctx.progress('apply', { message: `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}` }));
  }
  const refs: RolloutRef[] = t.meta.waitFor.map((w) => {
    const [namespace, kind, name] = w.split('/');
    return { namespace, kind: kind as RolloutRef['kind'], name };
  });
  if (refs.length) {
    await kube.waitRollouts(refs, {
      timeoutMs,
      signal: ctx.signal,
      onWaiting: (left) => ctx.progress('wait rollouts', { message: left.map((r) => `${r.namespace}/${r.name}`).join(', ') }),
    });
  }
}

export async function kickPullBackoffs(kube: KubeClient, ctx: JobContext): Promise<number> {
  const stuck = (await kube.pods()).filter((p) => (p.status?.containerStatuses ?? []).some((c) => PULL_REASONS.has(c.state?.waiting?.reason ?? '')));
  for (const p of stuck) {
    ctx.progress('restart pods', { message: `${p.metadata?.namespace}/${p.metadata?.name} waited for an image that is now imported` });
    await kube.deletePod(p.metadata?.namespace ?? 'default', p.metadata?.name ?? '').catch(() => undefined);
  }
  return stuck.length;
}
