import type { LabSummary } from '../../../main/api/schemas/labs';

/**
 * What the header says is running: this Labdeck's labs with a container up, not the engine's
 * container count (which was read once at discovery, so it said "0 running" beside a lab).
 */
export function runningLabsText(labs: LabSummary[] | null): string | null {
  if (labs === null) return null;
  const n = labs.filter((l) => l.owner !== 'other' && l.running > 0).length;
  return `${n} ${n === 1 ? 'lab' : 'labs'} running`;
}
