import { describe, expect, it } from 'vitest';
import { isFinal, transition, type RunState } from './run-state';

describe('run state machine', () => {
  it('walks the happy path and the learner’s pause', () => {
    let s: RunState = 'created';
    for (const to of ['baseline', 'running', 'paused', 'running', 'verifying', 'passed'] as const) s = transition(s, to);
    expect(s).toBe('passed');
    expect(isFinal(s)).toBe(true);
  });
  it('can be aborted from any live state, and from nowhere once finished', () => {
    for (const s of ['created', 'baseline', 'running', 'paused', 'verifying'] as const) expect(transition(s, 'aborted')).toBe('aborted');
    for (const s of ['passed', 'failed', 'aborted'] as const) expect(() => transition(s, 'aborted')).toThrow(/has finished|cannot become/);
  });
  it('refuses shortcuts with a code and what is possible', () => {
    expect(() => transition('created', 'running')).toThrow(/a run that is created cannot become running/);
    expect(() => transition('baseline', 'passed')).toThrow(expect.objectContaining({ code: 'RUN_STATE' }));
    expect(() => transition('paused', 'verifying')).toThrow();
  });
});
