import type { ClassCapacity } from '../../api/schemas/classes';

const MiB = 1024 * 1024;
const mib = (b: number): string => `${Math.round(b / MiB)} MiB`;
const cpu = (n: number): string => `${Math.round(n * 100) / 100}`;
/** Memory above these shares of the engine's: refused, or warned about. */
export const MEMORY_REFUSE = 0.9;
export const MEMORY_WARN = 0.7;

/**
 * The capacity plan of a class: each step's lab (budget and limits) × seats against the engine.
 * Memory bounds what fits (a lab over its memory gets OOM-killed, and a host over its memory
 * swaps every seat to a crawl): over 90 % of the engine's is refused, over 70 % warned about.
 * CPU limits only cap: seats may share cores (a lab at rest uses a fraction of its limit), so more
 * CPU than the engine has is a warning with the ratio, never a refusal.
 */
export function capacityPlan(name: string, seats: number, labs: ClassCapacity['labs'], engine: ClassCapacity['engine']): ClassCapacity {
  const perSeat = {
    memoryBytes: Math.max(0, ...labs.map((l) => l.budgetMemoryBytes ?? l.limitMemoryBytes)),
    cpus: Math.max(0, ...labs.map((l) => l.budgetCpus ?? l.limitCpus)),
  };
  const need = { memoryBytes: perSeat.memoryBytes * seats, cpus: perSeat.cpus * seats };
  const notes = [`${seats} seat(s) × ${mib(perSeat.memoryBytes)} and ${cpu(perSeat.cpus)} CPU per lab = ${mib(need.memoryBytes)} and ${cpu(need.cpus)} CPU.`];
  let verdict: ClassCapacity['verdict'] = 'ok';
  if (!engine || engine.memoryBytes <= 0) {
    notes.push('The engine did not say how much memory and CPU it has: nothing is checked.');
    return { name, seats, labs, perSeat, need, engine, verdict: 'warn', notes };
  }
  const memShare = need.memoryBytes / engine.memoryBytes;
  const fit = perSeat.memoryBytes > 0 ? Math.floor((engine.memoryBytes * MEMORY_REFUSE) / perSeat.memoryBytes) : seats;
  if (memShare > MEMORY_REFUSE) {
    verdict = 'refuse';
    notes.push(`Memory does not fit: ${mib(need.memoryBytes)} is ${Math.round(memShare * 100)} % of the engine's ${mib(engine.memoryBytes)} (at most ${Math.round(MEMORY_REFUSE * 100)} %): ${fit} seat(s) fit.`);
  } else if (memShare > MEMORY_WARN) {
    verdict = 'warn';
    notes.push(`Memory is tight: ${mib(need.memoryBytes)} is ${Math.round(memShare * 100)} % of the engine's ${mib(engine.memoryBytes)}.`);
  } else notes.push(`Memory fits: ${Math.round(memShare * 100)} % of the engine's ${mib(engine.memoryBytes)}; up to ${fit} seat(s) would.`);
  if (need.cpus > engine.cpus) {
    if (verdict === 'ok') verdict = 'warn';
    notes.push(`CPU is shared ${cpu(need.cpus / engine.cpus)}× (${cpu(need.cpus)} CPU of limits on ${engine.cpus} cores): each seat is capped at ${cpu(perSeat.cpus)} CPU, and labs at rest use a fraction of it; expect slower starts when many seats start at once.`);
  } else notes.push(`CPU: ${cpu(need.cpus)} CPU of limits on ${engine.cpus} cores.`);
  return { name, seats, labs, perSeat, need, engine, verdict, notes };
}
