import { describe, expect, it } from 'vitest';
import type { RunEventView } from '../../../main/api/schemas/runs';
import { attemptWords, checkProgress, verifyProgress } from './probe-progress';

let seq = 0;
const ev = (type: string, data: Record<string, unknown>): RunEventView => ({ seq: ++seq, runId: 'r1', at: '2026-12-02T10:00:00Z', type, data }) as RunEventView;

describe('probe progress (what a wait shows while it lasts)', () => {
  it("shows a task's check under way: its attempts and the last output, gone once decided", () => {
    const events = [
      ev('probe.started', { phase: 'task:reclaim', name: 'no entry pending' }),
      ev('probe.attempt', { phase: 'task:reclaim', name: 'no entry pending', attempt: 1, ok: false, message: 'printed "2"', elapsedMs: 40, withinMs: 15000 }),
      ev('probe.attempt', { phase: 'task:reclaim', name: 'no entry pending', attempt: 2, ok: false, message: 'printed "1"', elapsedMs: 1100, withinMs: 15000 }),
    ];
    const p = checkProgress(events, 'reclaim');
    expect(p).toMatchObject({ state: 'running', attempts: 2, message: 'printed "1"' });
    expect(attemptWords(p!)).toBe('attempt 2 · 1 s of 15 s');
    expect(checkProgress(events, 'other')).toBeUndefined();
    expect(checkProgress([...events, ev('probe', { phase: 'task:reclaim', name: 'no entry pending', ok: true, message: '0', attempts: 3 })], 'reclaim')).toBeUndefined();
    // a new check of the same task starts over
    expect(checkProgress([...events, ev('probe', { phase: 'task:reclaim', name: 'no entry pending', ok: false, attempts: 15 }), ev('probe.started', { phase: 'task:reclaim', name: 'no entry pending' })], 'reclaim')).toMatchObject({ attempts: 0 });
  });

  it('lists each probe of the verification as it runs, with its verdict once it has one', () => {
    const events = [
      ev('probe.started', { phase: 'task:reclaim', name: 'earlier check' }),
      ev('probe', { phase: 'task:reclaim', name: 'earlier check', ok: false }),
      ev('run.state', { state: 'verifying' }),
      ev('probe.started', { phase: 'verify', name: 'no order lost' }),
      ev('probe', { phase: 'verify', name: 'no order lost', ok: true, message: 'lost 0', attempts: 1 }),
      ev('probe.started', { phase: 'steady-state-after', name: 'both workers up' }),
      ev('probe.attempt', { phase: 'steady-state-after', name: 'both workers up', attempt: 4, ok: false, message: '= 1, want == 2', elapsedMs: 3000, withinMs: 30000 }),
    ];
    expect(verifyProgress(events)).toEqual([
      expect.objectContaining({ phase: 'verify', name: 'no order lost', state: 'ok', message: 'lost 0' }),
      expect.objectContaining({ phase: 'steady-state-after', name: 'both workers up', state: 'running', attempts: 4, message: '= 1, want == 2' }),
    ]);
    expect(verifyProgress(events.slice(0, 2))).toEqual([]);
  });
});
