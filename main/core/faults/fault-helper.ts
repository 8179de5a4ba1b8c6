import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { LAB_LABEL, ROLE_LABEL } from '../labs/lab-labels';
import { execIn, type ExecResult } from './container-exec';

export const TOOLBOX_IMAGE = 'lab/toolbox:1';
export const HELPER_ROLE = 'fault-helper';
export const OWNER_LABEL = 'io.labdeck.fault-owner';

export interface HelperRunner {
  run(argv: string[], timeoutMs?: number): Promise<ExecResult>;
}

/**
 * Runs `work` with a short-lived toolbox container (tc, iptables, curl, dd) that shares the
 * target's network namespace (`netns`) or mounts its volumes (`volumesFrom`), the way Pumba runs
 * tc from a sidecar. The helper carries the lab's label (so `down` removes it whatever happens)
 * and is removed when `work` ends.
 */
export async function withHelper<T>(
  docker: Docker,
  opts: {
    labId: string;
    targetId: string;
    mode: 'netns' | 'volumesFrom';
    image?: string;
    ownerPid?: number;
    /** Takes the helper's removal instead of waiting for it here (the fault is in place already). */
    defer?: (removal: Promise<unknown>) => void;
  },
  work: (h: HelperRunner) => Promise<T>,
): Promise<T> {
  const image = opts.image ?? TOOLBOX_IMAGE;
  const hostConfig: Docker.HostConfig =
    opts.mode === 'netns' ? { NetworkMode: `container:${opts.targetId}`, CapAdd: ['NET_ADMIN'] } : { VolumesFrom: [opts.targetId], NetworkMode: 'none' };
  let helper: Docker.Container;
  try {
    helper = await docker.createContainer({
      name: `${opts.labId}-fault-helper-${randomBytes(4).toString('hex')}`,
      Image: image,
      Labels: { [LAB_LABEL]: opts.labId, [ROLE_LABEL]: HELPER_ROLE, [OWNER_LABEL]: String(opts.ownerPid ?? process.pid) },
      HostConfig: hostConfig,
    });
  } catch (err) {
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 404) {
      throw new LabdeckError('IMAGE_MISSING', `the fault helper image ${image} is not on this engine`, {
        hint: 'Network, disk and app faults run tc, iptables, curl and dd from it; load it with `docker load` or a Labdeck bundle.',
        cause: err,
      });
    }
    throw new LabdeckError('FAULT_FAILED', `could not create the fault helper: ${(err as Error).message}`, { cause: err });
  }
  try {
    await helper.start();
    return await work({ run: (argv, timeoutMs) => execIn(helper, argv, { timeoutMs }) });
  } finally {
    const removal = helper.remove({ force: true }).catch(() => undefined);
    if (opts.defer) opts.defer(removal);
    else await removal;
  }
}

/** Removes helpers left by processes that are gone (a SIGKILL between create and remove). */
export async function removeOrphanHelpers(docker: Docker, isAlive: (pid: number) => boolean): Promise<number> {
  const cs = await docker.listContainers({ all: true, filters: { label: [`${ROLE_LABEL}=${HELPER_ROLE}`] } });
  let removed = 0;
  for (const c of cs) {
    const pid = Number(c.Labels[OWNER_LABEL]);
    if (!c.Labels[LAB_LABEL] || (pid && isAlive(pid))) continue;
    await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
    removed++;
  }
  return removed;
}

/** The target's network interfaces, lo left out (as `ip -o link` names them, without @ifN). */
export async function interfaces(h: HelperRunner): Promise<string[]> {
  const r = await h.run(['ip', '-o', 'link', 'show']);
  if (r.exitCode !== 0) throw new LabdeckError('FAULT_FAILED', `ip link failed: ${r.stderr.trim()}`);
  return r.stdout
    .split('\n')
    .map((l) => /^\d+:\s+([^:@\s]+)/.exec(l)?.[1])
    .filter((n): n is string => !!n && n !== 'lo');
}
