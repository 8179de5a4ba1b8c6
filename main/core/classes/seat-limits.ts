import type { LabPlan } from '../labs/lab-plan';

const MiB = 1024 * 1024;
/** What a container without limits gets in a seat's lab when the template's budget leaves nothing over. */
export const SEAT_FLOOR = { memoryBytes: 128 * MiB, nanoCpus: 250_000_000 };
/** Without an `x-labdeck.resources` budget, each container without limits gets this much. */
export const SEAT_DEFAULT = { memoryBytes: 256 * MiB, nanoCpus: 500_000_000 };

export interface LabBudget {
  memoryBytes?: number;
  cpus?: number;
}

/**
 * A seat's lab with a memory and CPU limit on every container, so one trainee's runaway process
 * (a leak, a fork loop, a stress fault) cannot starve the other seats on the trainer's engine.
 * Limits the template sets are kept; a container without one gets an equal share of what the
 * template's `x-labdeck.resources` budget leaves over, never less than SEAT_FLOOR.
 */
export function limitSeatPlan(plan: LabPlan, budget: LabBudget | undefined): LabPlan {
  const hc = (c: LabPlan['containers'][number]) => c.create.HostConfig ?? {};
  const noMem = plan.containers.filter((c) => !hc(c).Memory);
  const noCpu = plan.containers.filter((c) => !hc(c).NanoCpus && !hc(c).CpuQuota);
  const share = (total: number | undefined, used: number, n: number, floor: number, fallback: number): number =>
    total === undefined ? fallback : Math.max(floor, Math.floor((total - used) / Math.max(1, n)));
  const usedMem = plan.containers.reduce((s, c) => s + (hc(c).Memory ?? 0), 0);
  const usedCpu = plan.containers.reduce((s, c) => s + (hc(c).NanoCpus ?? 0), 0);
  const mem = share(budget?.memoryBytes, usedMem, noMem.length, SEAT_FLOOR.memoryBytes, SEAT_DEFAULT.memoryBytes);
  const cpu = share(budget?.cpus === undefined ? undefined : budget.cpus * 1e9, usedCpu, noCpu.length, SEAT_FLOOR.nanoCpus, SEAT_DEFAULT.nanoCpus);
  return {
    ...plan,
    containers: plan.containers.map((c) => {
      const h = hc(c);
      const Memory = h.Memory || mem;
      // a swap limit equal to the memory limit: the seat's container is held to it, not to twice it
      const MemorySwap = h.MemorySwap || Memory;
      const NanoCpus = h.NanoCpus || h.CpuQuota ? h.NanoCpus : cpu; // CpuQuota: a limit set another way
      return { ...c, create: { ...c.create, HostConfig: { ...h, Memory, MemorySwap, NanoCpus } } };
    }),
  };
}

/** What one lab of the plan may take at most: the sum of its containers' limits. */
export function planLimits(plan: LabPlan): { memoryBytes: number; cpus: number } {
  let memoryBytes = 0;
  let nano = 0;
  for (const c of plan.containers) {
    memoryBytes += c.create.HostConfig?.Memory ?? 0;
    nano += c.create.HostConfig?.NanoCpus ?? 0;
  }
  return { memoryBytes, cpus: nano / 1e9 };
}
