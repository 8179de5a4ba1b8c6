import { LabdeckError } from '../../api/errors';

/** A run's life: created → baseline → running → verifying → passed | failed | aborted (Chaos Toolkit's statuses, plus the learner's part). */
export type RunState = 'created' | 'baseline' | 'running' | 'paused' | 'verifying' | 'passed' | 'failed' | 'aborted';

const NEXT: Record<RunState, RunState[]> = {
  created: ['baseline', 'aborted'],
  // the steady state not holding before the faults ends the run as aborted: nothing was tested
  baseline: ['running', 'aborted'],
  running: ['paused', 'verifying', 'aborted'],
  paused: ['running', 'aborted'],
  verifying: ['passed', 'failed', 'aborted'],
  passed: [],
  failed: [],
  aborted: [],
};

export const isFinal = (s: RunState): boolean => NEXT[s].length === 0;

/** The state after `to`, or RUN_STATE if a run in `from` cannot go there. */
export function transition(from: RunState, to: RunState): RunState {
  if (!NEXT[from].includes(to)) {
    throw new LabdeckError('RUN_STATE', `a run that is ${from} cannot become ${to}`, { hint: NEXT[from].length ? `From ${from} it can become ${NEXT[from].join(', ')}.` : 'It has finished.' });
  }
  return to;
}
