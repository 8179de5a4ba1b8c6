import { describe, expect, it } from 'vitest';
import type { RunEventView } from '../../../main/api/schemas/runs';
import { mergeEvents, timelineItems } from './run-timeline-items';

const ev = (seq: number, type: string, data: Record<string, unknown> = {}): RunEventView => ({ seq, runId: 'r1', at: `2024-05-01T10:00:0${seq}Z`, type, data });

describe('run timeline', () => {
  const events = [
    ev(1, 'run.state', { state: 'running', elapsedMs: 0 }),
    ev(2, 'fault.applied', { fault: 'dies', kind: 'stop', target: { service: 'worker', replica: 1 }, description: 'worker 1 is gone', elapsedMs: 4000 }),
    ev(3, 'task.failed', { task: 'reclaim', message: 'XPENDING says 12', elapsedMs: 9000 }),
    ev(4, 'note', { text: 'pending is stuck', role: 'scribe', elapsedMs: 9500 }),
    ev(5, 'mystery', { x: 1 }),
    ev(6, 'scenario', { definition: { big: true } }),
    ev(7, 'probe', { phase: 'task:reclaim', name: 'no entry pending', ok: false, message: 'XPENDING says 12' }),
    ev(8, 'steady.broken', { failing: [{ name: 'both workers up', message: 'up = 1, want == 2' }] }),
  ];

  it('words each event, keeps its time and tone, and the role of a note', () => {
    const items = timelineItems(events);
    expect(items.map((i) => i.text)).toEqual(['Running', 'Fault dies: stop on worker, worker 1 is gone', 'Check reclaim failed: XPENDING says 12', 'pending is stuck', 'Mystery (recorded)', 'Steady state broken: both workers up (up = 1, want == 2)']);
    expect(items[1]).toMatchObject({ tone: 'fault', elapsedMs: 4000 });
    expect(items[2].tone).toBe('bad');
    expect(items[3]).toMatchObject({ tone: 'note', role: 'scribe' });
  });

  // every kind the journal writes (main/core/scenarios), with data shaped as it writes it
  const journal: [string, Record<string, unknown>][] = [
    ['run.created', { scenario: 's', labId: 'l', mode: 'training' }],
    ['run.progress', { line: 'Waiting for the steady state' }],
    ['run.state', { state: 'verifying' }],
    ['scenario', { definition: { tasks: [{ id: 't' }] } }],
    ['series', { series: [{ key: 'pending', points: [[1, 2], [3, 4]] }] }],
    ['probe', { phase: 'verify', name: 'both up', ok: true }],
    ['fault.applied', { fault: 'dies', kind: 'stop', target: { service: 'worker', replica: 1 } }],
    ['fault.skipped', { fault: 'dies', reason: 'manual' }],
    ['fault.failed', { fault: 'dies', message: 'no such container' }],
    ['fault.reverted', { fault: 'dies' }],
    ['faults.reverted', { count: 2 }],
    ['task.passed', { task: 'reclaim', detects: true, message: 'ok' }],
    ['task.failed', { task: 'reclaim', message: 'XPENDING says 12', final: true }],
    ['hint.revealed', { task: 'reclaim', index: 0, cost: 5 }],
    ['solution.revealed', { task: 'reclaim' }],
    ['detected', { by: 'task', task: 'reclaim' }],
    ['note', { text: 'pending is stuck' }],
    ['alert', { name: 'WorkerDown', status: 'firing' }],
    ['timer.extended', { minutes: 5 }],
    ['timer.expired', {}],
    ['steady.broken', { failing: [{ name: 'both up', message: 'up = 1' }] }],
    ['steady.restored', {}],
    ['solve.step', { step: 0 }],
    ['solve.exec', { argv: ['redis-cli', 'ping'], exitCode: 0 }],
    ['score', { total: 80, parts: { checks: 60 } }],
    ['action.items', { items: ['page on pending > 100'] }],
  ];

  it('makes every row a sentence: no payloads, and no row for data-only events (series, scenario)', () => {
    const items = timelineItems(journal.map(([type, data], i) => ev(i + 1, type, data)));
    expect(items.map((i) => i.type)).toEqual(journal.map(([t]) => t).filter((t) => t !== 'series' && t !== 'scenario'));
    for (const i of items) expect([i.type, i.text]).toEqual([i.type, expect.stringMatching(/^[^{}[\]"]+$/)]);
    expect(timelineItems([ev(1, 'lab.migrated', { from: 1, to: 2 })])[0].text).toBe('Lab migrated (recorded)');
  });

  it('withholds what the faults are from a responder', () => {
    const items = timelineItems(events, { withholdFaults: true });
    expect(items.map((i) => i.type)).toEqual(['run.state', 'task.failed', 'note', 'mystery', 'steady.broken']);
  });

  it('tells a training learner that a fault was injected, never which one, while the run goes on', () => {
    const faults = [
      ev(1, 'fault.applied', { fault: 'dies', kind: 'stop', target: { service: 'worker', replica: 1 }, description: 'worker 1 hangs', elapsedMs: 4000 }),
      ev(2, 'fault.skipped', { fault: 'slow', reason: 'not reached' }),
      ev(3, 'fault.failed', { fault: 'net', message: 'tc: netem on worker failed' }),
      ev(4, 'fault.reverted', { fault: 'dies' }),
    ];
    const items = timelineItems(faults, { neutralFaults: true });
    expect(items.map((i) => i.text)).toEqual(['A fault was injected', 'A fault could not be applied', 'A fault was reverted']);
    expect(items[0].tone).toBe('fault');
    expect(JSON.stringify(items)).not.toMatch(/dies|worker|hangs|netem|slow/);
    // the end of the run (and the report) tells what it was
    expect(timelineItems(faults)[0].text).toBe('Fault dies: stop on worker, worker 1 hangs');
  });

  it('merges events without duplicates, in journal order, and keeps the same array when nothing is new', () => {
    const have = [events[0], events[2]];
    expect(mergeEvents(have, [events[1], events[2]]).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(mergeEvents(have, [events[2]])).toBe(have);
  });
});
