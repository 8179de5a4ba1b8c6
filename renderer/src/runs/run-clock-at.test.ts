import { describe, expect, it } from 'vitest';
import type { RunEventView } from '../../../main/api/schemas/runs';
import { runClockTimes } from './run-clock-at';
import { timelineItems } from './run-timeline-items';

const ev = (seq: number, type: string, elapsedMs: number, data: Record<string, unknown> = {}): RunEventView => ({ seq, runId: 'r1', at: '2024-05-01T10:00:00Z', type, data: { ...data, elapsedMs } });

describe("the timeline's times are the run clock's", () => {
  // a 20 s steady-state gate, a fault 10 s into the run, a 30 s pause, detection 5 s after resuming
  const events = [
    ev(1, 'run.created', 0),
    ev(2, 'run.state', 0, { state: 'baseline' }),
    ev(3, 'run.state', 20_000, { state: 'running' }),
    ev(4, 'fault.applied', 30_000, { fault: 'dies', kind: 'stop', target: { service: 'worker' } }),
    ev(5, 'run.state', 40_000, { state: 'paused' }),
    ev(6, 'note', 55_000, { text: 'coffee' }),
    ev(7, 'run.state', 70_000, { state: 'running' }),
    ev(8, 'detected', 75_000, { by: 'mark', atMs: 25_000 }),
    ev(9, 'run.state', 80_000, { state: 'verifying' }),
    ev(10, 'run.state', 90_000, { state: 'passed' }),
    ev(11, 'action.items', 200_000, { items: ['x'] }),
  ];
  it('count from when the run started running, pauses left out, as the timer does', () => {
    const at = runClockTimes(events);
    expect([...at.entries()]).toEqual([
      [3, 0],
      [4, 10_000],
      [5, 20_000],
      [6, 20_000],
      [7, 20_000],
      [8, 25_000],
      [9, 30_000],
      [10, 40_000],
      [11, 40_000],
    ]);
  });
  it('the timeline shows the detection at the time the Detected button and the timer say (its atMs), not the journal offset', () => {
    const items = timelineItems(events);
    const detected = items.find((i) => i.type === 'detected');
    expect(detected?.elapsedMs).toBe(25_000);
    expect(detected?.elapsedMs).toBe(events[7].data.atMs);
    // the gate has no run time: it shows its wall time
    expect(items.find((i) => i.seq === 2)?.elapsedMs).toBeUndefined();
  });
});
