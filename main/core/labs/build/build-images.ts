import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import { throwIfCancelled, type JobContext } from '../../jobs/job-registry';
import { present } from '../engine-ops/image-check';
import { labImages } from '../lab-images';
import { LAB_LABEL } from '../lab-labels';
import type { PlannedBuild } from '../lab-plan';
import { ensureBaseImages } from './base-images';
import { contextTar } from './context-tar';

export interface BuildResult {
  service: string;
  tag: string;
  ms: number;
  /** Steps the engine took from its cache ("Using cache" on Docker and Podman, "CACHED" under BuildKit). */
  cachedSteps: number;
}

type BuildEvent = { stream?: string; status?: string; error?: string; errorDetail?: { message?: string }; aux?: { ID?: string } };

const CACHE_LINE = /Using cache|CACHED/;

async function buildOne(docker: Docker, b: PlannedBuild, ctx: JobContext | undefined, maxContextBytes?: number): Promise<BuildResult> {
  const started = Date.now();
  const step = `build ${b.service}`;
  const tar = contextTar({ context: b.context, dockerfile: b.dockerfile, dockerfileInline: b.dockerfileInline, maxBytes: maxContextBytes });
  ctx?.progress(step, { message: `sending ${tar.files} files (${Math.ceil(tar.bytes / 1024)} KiB) from ${b.context} → ${b.tag}` });
  const stream = await docker.buildImage(tar.tar, {
    t: b.tag,
    dockerfile: tar.dockerfile,
    buildargs: b.args,
    labels: b.labels,
    ...(b.target ? { target: b.target } : {}),
    rm: true,
    forcerm: true,
    abortSignal: ctx?.signal,
  });
  const tail: string[] = [];
  let cachedSteps = 0;
  let failure: string | undefined;
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(
      stream,
      (err) => (err ? reject(err as Error) : resolve()),
      (e: BuildEvent) => {
        // Docker and Podman both report a failed step inside a 200 stream, as an `error` event
        if (e.error) failure = e.errorDetail?.message ?? e.error;
        for (const line of (e.stream ?? e.status ?? '').split('\n').map((l) => l.trimEnd()).filter(Boolean)) {
          if (CACHE_LINE.test(line)) cachedSteps++;
          tail.push(line);
          if (tail.length > 8) tail.shift();
          ctx?.progress(step, { message: line });
        }
      },
    );
  }).catch((err: unknown) => {
    if (ctx) throwIfCancelled(ctx.signal);
    failure ??= (err as Error).message;
  });
  if (failure || !(await present(docker, b.tag))) {
    throw new LabdeckError('BUILD_FAILED', `building ${b.tag} for service ${b.service} failed: ${failure ?? 'the engine made no image'}${tail.length ? `\n  ${tail.join('\n  ')}` : ''}`, {
      hint: `Fix the Dockerfile (${b.dockerfileInline !== undefined ? 'dockerfile_inline' : b.dockerfile} in ${b.context}) and run up again; the steps that passed come from the cache.`,
    });
  }
  return { service: b.service, tag: b.tag, ms: Date.now() - started, cachedSteps };
}

/**
 * Removes the images an earlier build of this service left untagged. Podman 4.3 commits the
 * `labels` again on every build (its cache skips them), so each `up` would leave the previous image
 * behind under the lab's label; one still used by a container stays (409).
 */
async function removeSuperseded(docker: Docker, b: PlannedBuild): Promise<void> {
  const labId = b.labels[LAB_LABEL];
  if (!labId) return;
  const old = (await labImages(docker, labId)).filter((i) => i.service === b.service && i.tags.length === 0);
  for (const i of old) await docker.getImage(i.id).remove().catch(() => undefined);
}

/**
 * Builds the lab's images through the engine API, one after another (a laptop's cores, and the
 * cache of one feeds the next): base images checked first, offline, so a missing one stops `up`
 * before any build starts; then each context tarred and sent, its steps streamed as progress.
 */
export async function buildImages(docker: Docker, builds: PlannedBuild[], ctx?: JobContext, opts: { pull?: boolean; maxContextBytes?: number } = {}): Promise<BuildResult[]> {
  if (builds.length === 0) return [];
  ctx?.progress('build', { message: `checking the base images of ${builds.length} build${builds.length > 1 ? 's' : ''}` });
  await ensureBaseImages(docker, builds, ctx, { pull: opts.pull });
  const out: BuildResult[] = [];
  for (const b of builds) {
    if (ctx) throwIfCancelled(ctx.signal);
    const r = await buildOne(docker, b, ctx, opts.maxContextBytes);
    await removeSuperseded(docker, b);
    ctx?.progress(`build ${b.service}`, { message: `built ${r.tag} in ${(r.ms / 1000).toFixed(1)} s${r.cachedSteps ? ` (${r.cachedSteps} steps from cache)` : ''}` });
    out.push(r);
  }
  return out;
}
