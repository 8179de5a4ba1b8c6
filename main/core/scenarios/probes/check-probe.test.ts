import { describe, expect, it } from 'vitest';
import type { Probe } from '../../../api/schemas/scenarios';
import { checkProbe } from './check-probe';
import type { ProbeContext, ProbeOutcome } from './probe-context';

const ctx = {} as ProbeContext;
const probe = (extra: Partial<Probe> = {}): Probe => ({ name: 'p', type: 'promql', expr: 'x', comparator: '==', threshold: 1, ...extra }) as Probe;
const scripted = (results: boolean[]) => {
  let i = 0;
  return async (): Promise<ProbeOutcome> => {
    const ok = results[Math.min(i++, results.length - 1)];
    return { ok, message: ok ? 'good' : 'bad' };
  };
};

describe('checkProbe', () => {
  it('makes one attempt without `within`', async () => {
    const r = await checkProbe(probe(), ctx, { evaluate: scripted([false, true]), intervalMs: 1 });
    expect(r).toMatchObject({ ok: false, attempts: 1, message: 'bad', name: 'p' });
  });
  it('retries until it passes within the time given', async () => {
    const r = await checkProbe(probe({ within: '2s' }), ctx, { evaluate: scripted([false, false, true]), intervalMs: 5 });
    expect(r).toMatchObject({ ok: true, attempts: 3 });
  });
  it('tells every attempt as it happens (its output, the time spent and the time it may take)', async () => {
    const seen: { attempt: number; ok: boolean; message: string; withinMs: number }[] = [];
    await checkProbe(probe({ within: '2s' }), ctx, { evaluate: scripted([false, false, true]), intervalMs: 5, onAttempt: (a) => seen.push(a) });
    expect(seen.map((a) => [a.attempt, a.ok, a.withinMs])).toEqual([
      [1, false, 2000],
      [2, false, 2000],
      [3, true, 2000],
    ]);
    expect(seen[0].message.length).toBeGreaterThan(0);
  });

  it('gives up when `within` runs out, with the last failure', async () => {
    const r = await checkProbe(probe({ within: '50ms' }), ctx, { evaluate: scripted([false]), intervalMs: 10 });
    expect(r.ok).toBe(false);
    expect(r.attempts).toBeGreaterThan(1);
  });
  it('holds: a failure during the hold starts it again', async () => {
    const r = await checkProbe(probe({ within: '5s', holdFor: '40ms' }), ctx, { evaluate: scripted([true, false, true, true, true, true, true, true, true, true]), intervalMs: 10 });
    expect(r.ok).toBe(true);
    expect(r.attempts).toBeGreaterThanOrEqual(4);
  });
  it('speeds durations up by the factor', async () => {
    const started = Date.now();
    const r = await checkProbe(probe({ within: '10s' }), ctx, { evaluate: scripted([false]), intervalMs: 20, speed: 100 });
    expect(r.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
