import type { RunRole } from '../../api/schemas/runs';

/** Journal events that tell what a facilitated run's incident is, or how it is solved. */
const SECRET_TYPES = new Set([
  'fault.applied',
  'fault.skipped',
  'fault.failed',
  'fault.reverted',
  'faults.reverted',
  'hint.revealed',
  'solution.revealed',
  'solve.step',
  'solve.exec',
  // progress lines of a run name the faults as they are injected
  'run.progress',
]);

const FINAL_STATES = new Set(['passed', 'failed', 'aborted']);

export const isFinalState = (state: string): boolean => FINAL_STATES.has(state);

/**
 * Whether a run's secrets are kept from this role now: the faults, hints and solutions of a
 * facilitated run stay with the facilitator until the run ends (a room is meant to find them).
 * No role means the caller is the app's owner asking without a role (the CLI, a report export).
 */
export function secretsWithheld(run: { mode: string; state: string }, role: RunRole | undefined): boolean {
  return run.mode === 'facilitated' && !isFinalState(run.state) && role !== undefined && role !== 'facilitator';
}

/**
 * Whether a journal event may be shown to this role. The recorded scenario definition holds every
 * fault and solution, so an observer never reads it, even after the end.
 */
export function eventVisible(type: string, withheld: boolean, role: RunRole | undefined): boolean {
  if (type === 'scenario' && (withheld || role === 'observer')) return false;
  return !(withheld && SECRET_TYPES.has(type));
}

/** A run's journal as this role may read it. */
export function visibleEvents<E extends { type: string }>(run: { mode: string; state: string }, events: E[], role: RunRole | undefined): E[] {
  const withheld = secretsWithheld(run, role);
  return events.filter((e) => eventVisible(e.type, withheld, role));
}
