import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../main/api/schemas/runs';
import { cannotCompare, compareParam, compareRuns, parseCompareParam } from './run-compare';

const run = (over: Partial<RunSummary>): RunSummary => ({ id: 'r', scenario: 'redis-worker-crash', labId: 'lab', mode: 'training', state: 'passed', startedAt: '2024-05-01T10:00:00Z', ...over });

describe('comparing two runs', () => {
  it('marks the better run per measure: higher score, faster detect and recover', () => {
    const a = run({ id: 'a', score: 80, ttdMs: 30_000, ttrMs: 120_000, durationMs: 300_000 });
    const b = run({ id: 'b', score: 65, ttdMs: 12_000, ttrMs: 120_000, durationMs: 200_000, state: 'failed' });
    const rows = Object.fromEntries(compareRuns(a, b).map((r) => [r.label, r]));
    expect(rows.Score).toMatchObject({ a: '80 / 100', b: '65 / 100', better: 'a' });
    expect(rows['Time to detect']).toMatchObject({ a: '30.0 s', b: '12.0 s', better: 'b' });
    expect(rows['Time to recover'].better).toBeNull();
    expect(rows.Duration.better).toBe('b');
    expect(rows.Result).toMatchObject({ a: 'Passed', b: 'Failed', better: 'a' });
  });

  it('does not call a winner when a measure is missing', () => {
    const rows = compareRuns(run({ ttdMs: 5000 }), run({}));
    expect(rows.find((r) => r.label === 'Time to detect')).toMatchObject({ b: '—', better: null });
  });

  it('compares only two runs of the same scenario', () => {
    expect(cannotCompare([run({})])).toBe('Pick two runs.');
    expect(cannotCompare([run({}), run({ scenario: 'etcd-restore' })])).toMatch(/different scenarios/);
    expect(cannotCompare([run({ id: 'a' }), run({ id: 'b' })])).toBeNull();
  });

  it('round-trips the route parameter and rejects others', () => {
    expect(parseCompareParam(compareParam('run-1', 'run-2'))).toEqual(['run-1', 'run-2']);
    expect(parseCompareParam('run-1')).toBeNull();
    expect(parseCompareParam(undefined)).toBeNull();
  });
});
