import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../run-journal';
import { runSummary } from './run-view';
import { detectionFromJournal } from './detection-time';

let seq = 0;
const ev = (type: string, data: Record<string, unknown>): RunEvent => ({ seq: ++seq, runId: 'r1', at: '2026-12-02T10:00:00.000Z', type, data: { elapsedMs: 0, ...data } });
const run = { id: 'r1', scenario: 'redis-worker-crash', labId: 'lab', mode: 'training', state: 'aborted', startedAt: '2026-12-02T10:00:00.000Z', finishedAt: '2026-12-02T10:05:00.000Z' };

describe('time to detect', () => {
  it('is shown for an aborted run whose detecting task passed: from the first fault to the detection, read from the journal', () => {
    const events = [ev('fault.applied', { fault: 'dies', atMs: 20_000 }), ev('fault.applied', { fault: 'later', atMs: 90_000 }), ev('detected', { by: 'task', task: 'find', atMs: 65_000 }), ev('run.state', { state: 'aborted' })];
    expect(detectionFromJournal(events)).toBe(45_000);
    expect(runSummary(run as never, events).ttdMs).toBe(45_000);
  });

  it('prefers the score of a finished run, and is absent without a fault or a detection', () => {
    const events = [ev('fault.applied', { atMs: 1000 }), ev('detected', { atMs: 4000 }), ev('score', { ttdMs: 2500 })];
    expect(runSummary({ ...run, state: 'passed' } as never, events).ttdMs).toBe(2500);
    expect(runSummary(run as never, [ev('detected', { atMs: 4000 })]).ttdMs).toBeUndefined();
    expect(runSummary(run as never, [ev('fault.applied', { atMs: 4000 })]).ttdMs).toBeUndefined();
    expect(detectionFromJournal([ev('fault.applied', { atMs: 'x' }), ev('detected', { atMs: 5 })])).toBeUndefined();
  });
});
