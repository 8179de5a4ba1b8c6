import type Docker from 'dockerode';
import { LabdeckError } from '../../../api/errors';
import { sizeBytes } from '../fault-model';
import type { Injector } from '../injector';
import type { ResourceValues } from '../revert-spec';

/**
 * Sets resource limits on a running container (`docker update`). Podman 4.3's Docker-compatible
 * API has no update endpoint, so on Podman the libpod one is used. Docker cannot lift a memory limit
 * once set: a container that had none gets back a limit of the engine's whole memory.
 */
export async function updateResources(docker: Docker, engineKind: string, id: string, r: ResourceValues): Promise<void> {
  if (engineKind === 'podman') {
    const body: Record<string, unknown> = {};
    if (r.memory !== undefined) body.memory = { limit: r.memory > 0 ? r.memory : -1, swap: r.memorySwap && r.memorySwap !== 0 ? r.memorySwap : -1 };
    if (r.nanoCpus !== undefined || r.cpuQuota !== undefined) {
      const period = r.cpuPeriod || 100_000;
      const quota = r.nanoCpus ? Math.round((r.nanoCpus / 1e9) * period) : r.cpuQuota || -1;
      body.cpu = { quota, period };
    }
    // Podman answers libpod paths only under a version prefix (any will do) unless the handle adds one.
    const prefix = (docker.modem as { version?: string }).version ? '' : '/v4.0.0';
    await new Promise<void>((resolve, reject) => {
      docker.modem.dial(
        { path: `${prefix}/libpod/containers/${id}/update`, method: 'POST', options: body, statusCodes: { 200: true, 201: true, 204: true, 404: 'no such container', 500: 'server error' } },
        (err) => (err ? reject(err) : resolve()),
      );
    });
    return;
  }
  const opts: Record<string, number> = {};
  if (r.memory !== undefined) {
    opts.Memory = r.memory;
    opts.MemorySwap = r.memorySwap ?? r.memory;
  }
  if (r.nanoCpus !== undefined) opts.NanoCpus = r.nanoCpus;
  if (r.cpuQuota !== undefined) opts.CpuQuota = r.cpuQuota;
  if (r.cpuPeriod !== undefined) opts.CpuPeriod = r.cpuPeriod;
  await docker.getContainer(id).update(opts);
}

/** limit: new memory and/or CPU limits; the revert sets the values the container had. */
export const limitFault: Injector<'limit'> = async ({ docker, engineKind, target }, f) => {
  const hc = (await docker.getContainer(target.id).inspect()).HostConfig;
  const before: ResourceValues = {};
  const after: ResourceValues = {};
  if (f.params.memory !== undefined) {
    const bytes = sizeBytes(f.params.memory);
    if (!(bytes >= 6 * 1024 * 1024)) throw new LabdeckError('FAULT_INVALID', `memory limit ${f.params.memory} is below the engines' minimum of 6m`);
    const total = Number((await docker.info()).MemTotal) || 0;
    before.memory = hc.Memory && hc.Memory > 0 ? hc.Memory : total;
    before.memorySwap = hc.MemorySwap && hc.MemorySwap !== 0 ? hc.MemorySwap : -1;
    after.memory = bytes;
    after.memorySwap = bytes;
  }
  if (f.params.cpus !== undefined) {
    if (hc.NanoCpus && hc.NanoCpus > 0) {
      // Docker refuses a quota on a container whose CPUs are set as NanoCpus (conflicting options)
      before.nanoCpus = hc.NanoCpus;
      after.nanoCpus = Math.round(f.params.cpus * 1e9);
    } else {
      // A quota, not NanoCpus: Docker's update ignores NanoCpus 0, so a limit set that way could only
      // come back as "all the engine's CPUs"; a quota of -1 is "none" again on both engines.
      const period = hc.CpuPeriod || 100_000;
      before.cpuQuota = hc.CpuQuota && hc.CpuQuota > 0 ? hc.CpuQuota : -1;
      before.cpuPeriod = period;
      after.cpuQuota = Math.round(f.params.cpus * period);
      after.cpuPeriod = period;
    }
  }
  return {
    revert: { op: 'update', resources: before, startedAt: target.startedAt },
    apply: async () => {
      await updateResources(docker, engineKind, target.id, after);
      return { before, after };
    },
  };
};
