import type { RunEvent } from '../run-journal';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Time to detect read from the journal itself: from the first fault applied to the detection (a
 * detecting task that passed, or the "Detected" mark). A run that ends with a score has it there;
 * an aborted run has no score, yet its detection happened and is worth showing.
 */
export function detectionFromJournal(events: RunEvent[]): number | undefined {
  const fault = num(events.find((e) => e.type === 'fault.applied')?.data.atMs);
  const detected = num(events.find((e) => e.type === 'detected')?.data.atMs);
  return fault === undefined || detected === undefined ? undefined : Math.max(0, detected - fault);
}
