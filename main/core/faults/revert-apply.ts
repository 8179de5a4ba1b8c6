import type Docker from 'dockerode';
import { execIn } from './container-exec';
import { interfaces, withHelper } from './fault-helper';
import { publishedPorts } from './fault-target';
import { revertAdmin } from './injectors/app-fault';
import { updateResources } from './injectors/limit-fault';
import { connectBack } from './injectors/partition-fault';
import { tcDeleteRoot, undoAll } from './netns-commands';
import type { RevertOutcome, RevertSpec } from './revert-spec';

export interface RevertTarget {
  labId: string;
  containerId: string;
  engineKind: string;
  helperImage?: string;
  ownerPid: number;
}

export interface RevertResult {
  outcome: RevertOutcome;
  note?: string;
}

const statusOf = (err: unknown): number | undefined => (err as { statusCode?: number }).statusCode;

/**
 * Applies one revert, idempotently: a container that is gone, already unpaused, already running,
 * restarted since (so its in-process and network-namespace state is gone) or a rule already deleted
 * is a success with an outcome that says so. Throws only when the engine refused the undo itself.
 */
export async function applyRevert(docker: Docker, t: RevertTarget, spec: RevertSpec): Promise<RevertResult> {
  if (spec.op === 'none') return { outcome: 'nothing-to-do' };
  const c = docker.getContainer(t.containerId);
  let info: Docker.ContainerInspectInfo;
  try {
    info = await c.inspect();
  } catch (err) {
    if (statusOf(err) === 404) return { outcome: 'target-gone', note: 'the container no longer exists' };
    throw err;
  }
  const s = info.State;
  const restarted = 'startedAt' in spec && !!spec.startedAt && spec.startedAt !== s.StartedAt;
  const helper = { labId: t.labId, targetId: t.containerId, image: t.helperImage, ownerPid: t.ownerPid };

  switch (spec.op) {
    case 'start':
      if (s.Running) return { outcome: 'already-reverted', note: 'running' };
      await c.start();
      return { outcome: 'reverted' };
    case 'unpause':
      if (!s.Paused) return { outcome: 'already-reverted', note: 'not paused' };
      await c.unpause();
      return { outcome: 'reverted' };
    case 'connect': {
      let done = 0;
      const gone: string[] = [];
      for (const n of spec.networks) {
        if (info.NetworkSettings.Networks?.[n.name]) continue;
        try {
          await connectBack(docker, t.containerId, n);
          done++;
        } catch (err) {
          if (statusOf(err) !== 404) throw err;
          gone.push(n.name); // the network was removed (lab down): nothing to connect to
        }
      }
      if (gone.length && !done) return { outcome: 'target-gone', note: `network ${gone.join(', ')} no longer exists` };
      if (!done) return { outcome: 'already-reverted', note: 'connected' };
      // Docker picks new host ports for ports it had picked itself; say so, since URLs change
      const now = publishedPorts((await c.inspect()).NetworkSettings.Ports);
      const moved = Object.entries(spec.hostPorts ?? {}).filter(([p, b]) => (now[p] ?? []).join() !== b.join());
      return moved.length ? { outcome: 'reverted', note: `host ports moved: ${moved.map(([p, b]) => `${p} ${b.join(',')} → ${(now[p] ?? []).join(',') || 'none'}`).join('; ')}` } : { outcome: 'reverted' };
    }
    case 'update':
      // Podman 4.3 changes only the live cgroup (runc update); a stopped container starts again with its own limits.
      if (t.engineKind === 'podman' && !s.Running) return { outcome: 'state-gone', note: 'Podman applied the limit to the live cgroup only; the container is stopped and starts with its own limits' };
      if (t.engineKind === 'podman' && restarted) return { outcome: 'state-gone', note: 'restarted since: Podman set its own limits again' };
      await updateResources(docker, t.engineKind, t.containerId, spec.resources);
      return { outcome: 'reverted' };
    case 'volume-rm':
      await withHelper(docker, { ...helper, mode: 'volumesFrom' }, async (h) => {
        const errors = await undoAll(h, spec.paths.map((p) => ['rm', '-f', p]));
        if (errors.length) throw new Error(errors.join('; '));
      });
      return { outcome: 'reverted' };
  }
  // The rest lives in the running container's processes or network namespace.
  if (!s.Running) return { outcome: 'state-gone', note: `container is ${s.Status}; its processes and network namespace went with it` };
  if (restarted) return { outcome: 'state-gone', note: 'container restarted since the fault; its processes and network namespace are new' };
  if (s.Paused) await c.unpause(); // a paused container answers no exec; unpause, undo, pause again
  try {
    switch (spec.op) {
      case 'netns':
      case 'tc-root-del':
        await withHelper(docker, { ...helper, mode: 'netns' }, async (h) => {
          const argvs = spec.op === 'netns' ? spec.argvs : tcDeleteRoot(spec.devices ?? (await interfaces(h)));
          const errors = await undoAll(h, argvs);
          if (errors.length) throw new Error(errors.join('; '));
        });
        return { outcome: 'reverted' };
      case 'admin':
        await withHelper(docker, { ...helper, mode: 'netns' }, (h) => revertAdmin(h, spec.port, spec.body, spec.freeLeak));
        return { outcome: 'reverted' };
      case 'exec':
        for (const argv of spec.argvs) {
          const r = await execIn(c, argv, { user: spec.user, timeoutMs: 30_000 });
          if (r.exitCode !== 0) throw new Error(`${argv.join(' ')} exited ${r.exitCode}: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
        }
        return { outcome: 'reverted' };
    }
    throw new Error(`unknown revert ${JSON.stringify(spec)}`);
  } finally {
    if (s.Paused) await c.pause().catch(() => undefined);
  }
}
