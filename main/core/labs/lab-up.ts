import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { throwIfCancelled, type JobContext } from '../jobs/job-registry';
import { buildImages } from './build/build-images';
import { copyFiles } from './engine-ops/copy-files';
import { ensureImages } from './engine-ops/image-check';
import { checkPlatforms } from './engine-ops/platform-check';
import { checkPortsFree } from './engine-ops/port-check';
import { waitContainer, type Readiness } from './engine-ops/wait-container';
import { labFilter } from './lab-labels';
import { podmanHealthKick } from './engine-ops/podman-health';
import { forPodman } from './engine-ops/podman-compat';
import { probeArgv, runProbe } from './engine-ops/exec-probe';
import type { LabPlan, PlannedContainer } from './lab-plan';

export interface UpOptions {
  healthTimeoutMs?: number;
  pull?: boolean;
  /** Podman without systemd never runs healthchecks by itself; Labdeck runs them while it waits. */
  engineKind?: 'docker' | 'podman';
  /** Runs once the lab's networks and volumes exist, before any container: may still change the planned containers. */
  beforeContainers?: () => Promise<void>;
}

/**
 * Retries an engine create that failed with HTTP 500, twice, 300 ms apart. In one CI run Podman
 * 4.3 failed an `up` within 65 ms (before any container existed) right after another lab's
 * rollback; not reproduced since, so the cause is not known. A create that failed made nothing,
 * so trying it again is safe; a lasting failure still surfaces.
 */
async function retryOn500<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 500 || attempt >= 3) throw err;
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/** Like Promise.all, but waits for every task to settle before throwing the first failure, so rollback sees all they made. */
async function allSettled(tasks: Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

function readiness(plan: LabPlan, c: PlannedContainer): Readiness {
  if (plan.gates[c.service] === 'service_completed_successfully') return 'exited0';
  return c.healthcheck ? 'healthy' : 'running';
}

/**
 * Creates a planned lab on the engine: images checked, `build:` images built, networks and volumes, containers with
 * their config files copied in, then each dependency wave started together, gated on health.
 * Throws on the first failure; the caller removes what was made (everything carries the label).
 */
export async function upLab(docker: Docker, plan: LabPlan, ctx: JobContext, opts: UpOptions = {}): Promise<void> {
  const timeoutMs = opts.healthTimeoutMs ?? 120_000;
  await checkPlatforms(docker, plan.platforms);
  ctx.progress('images', { message: `checking ${plan.images.length} images` });
  await ensureImages(docker, plan.images, ctx, { pull: opts.pull });
  await checkPortsFree(plan.fixedPorts);
  const existing = await docker.listContainers({ all: true, filters: labFilter(plan.labId) });
  if (existing.length) {
    throw new LabdeckError('LAB_EXISTS', `a lab named ${plan.labId} already exists (${existing.length} containers)`, {
      hint: `Pick another name with --name, or remove it first: labdeck down ${plan.labId}`,
    });
  }
  throwIfCancelled(ctx.signal);
  // Built images are kept by `down` (as Compose keeps them), so a second up is served from the engine's cache.
  await buildImages(docker, plan.builds, ctx, { pull: opts.pull });

  ctx.progress('networks', { message: plan.networks.map((n) => n.name).join(', ') });
  for (const n of plan.networks) {
    await retryOn500(() => docker.createNetwork({ Name: n.name, Driver: 'bridge', Internal: n.internal, Labels: n.labels, CheckDuplicate: true }));
  }
  for (const v of plan.volumes) await docker.createVolume({ Name: v.name, Labels: v.labels });
  await opts.beforeContainers?.();
  throwIfCancelled(ctx.signal);

  const created = new Map<string, Docker.Container>();
  /** `early`: a gate may open as soon as the service passes its own health test, before the engine's first scheduled check. */
  const wait = (c: PlannedContainer, early = false) => {
    const argv = probeArgv(c.create.Healthcheck?.Test);
    return waitContainer(created.get(c.name)!, c.name, readiness(plan, c), {
      timeoutMs,
      signal: ctx.signal,
      kickHealth: opts.engineKind === 'podman' ? () => podmanHealthKick(docker, created.get(c.name)!.id) : undefined,
      probe: early && argv ? () => runProbe(created.get(c.name)!, argv) : undefined,
    });
  };
  const create = async (planned: PlannedContainer) => {
    const c = opts.engineKind === 'podman' ? forPodman(planned) : planned;
    const container = await docker.createContainer(c.create);
    created.set(c.name, container);
    for (const n of c.extraNetworks) await docker.getNetwork(n.name).connect({ Container: container.id, EndpointConfig: { Aliases: n.aliases } });
    await copyFiles(container, c.files, { readOnlyRoot: c.create.HostConfig?.ReadonlyRootfs === true });
    ctx.progress('create', { message: c.name });
  };
  // A container joining another's namespace is refused by the engine until that one exists: those come after, in wave order.
  await allSettled(plan.containers.filter((c) => !c.after).map(create));
  const waveOf = (c: PlannedContainer) => plan.waves.findIndex((w) => w.includes(c.service));
  for (const c of plan.containers.filter((x) => x.after).sort((a, b) => waveOf(a) - waveOf(b))) await create(c);

  for (const [i, wave] of plan.waves.entries()) {
    throwIfCancelled(ctx.signal);
    const members = plan.containers.filter((c) => wave.includes(c.service));
    ctx.progress('start', { message: `wave ${i + 1}/${plan.waves.length}: ${wave.join(', ')}`, fraction: i / plan.waves.length });
    await allSettled(members.map((c) => created.get(c.name)!.start()));
    const gated = members.filter((c) => plan.gates[c.service] && plan.gates[c.service] !== 'service_started');
    await allSettled(gated.map((c) => wait(c, true)));
  }

  ctx.progress('health', { message: 'waiting for every service', fraction: 0.9 });
  await allSettled(
    plan.containers.map(async (c) => {
      await wait(c);
      ctx.progress('health', { message: `${c.name} ${readiness(plan, c)}` });
    }),
  );
}
