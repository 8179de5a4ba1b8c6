import { describe, expect, it } from 'vitest';
import { BadRequest, Faults } from './faults';

describe('workload faults (POST /admin)', () => {
  it('a worker claims idle entries until autoClaim is turned off, and reset turns it back on', () => {
    const f = new Faults({ role: 'worker', canCrash: true });
    expect(f.autoClaim).toBe(true);
    f.apply({ autoClaim: false, latencyMs: 50 });
    expect(f.autoClaim).toBe(false);
    expect(f.latencyMs).toBe(50);
    f.apply({ reset: true });
    expect(f.autoClaim).toBe(true);
    expect(f.latencyMs).toBe(0);
  });
  it('refuses unknown keys, bad values and worker faults on a producer', () => {
    const w = new Faults({ role: 'worker', canCrash: true });
    expect(() => w.apply({ autoclaim: false })).toThrow(/unknown key "autoclaim"/);
    expect(() => w.apply({ autoClaim: 'no' })).toThrow(BadRequest);
    expect(() => w.apply({ errorRatio: 2 })).toThrow(/errorRatio must be a number from 0 to 1/);
    const p = new Faults({ role: 'producer', canCrash: false, rate: 10 });
    expect(() => p.apply({ autoClaim: false })).toThrow(/applies to workers, not to a producer/);
    expect(() => p.apply({ crashBetweenReadAndAck: true })).toThrow(/applies to workers/);
    expect(p.apply({ rate: 5 }).rate).toBe(5);
    expect(() => p.apply({ maxLen: 100 })).toThrow(/maxLen applies to stream producers, not to a producer/);
  });
  it('a stream producer starts at its MAXLEN, takes another one (0 = unbounded) and reset restores it', () => {
    const p = new Faults({ role: 'producer', canCrash: false, rate: 10, maxLen: 0 });
    expect(p.maxLen).toBe(0);
    expect(p.apply({ maxLen: 10_000 }).maxLen).toBe(10_000);
    expect(p.maxLen).toBe(10_000);
    expect(() => p.apply({ maxLen: -1 })).toThrow(/maxLen must be a number from 0/);
    p.apply({ reset: true });
    expect(p.maxLen).toBe(0);
  });
  it('dropLeaked frees what a leak kept and leaves the other faults as they are', async () => {
    const w = new Faults({ role: 'worker', canCrash: true });
    w.apply({ leakMbPerSec: 10, latencyMs: 5 });
    await new Promise((r) => setTimeout(r, 350));
    expect(w.get().leakedBytes).toBeGreaterThan(0);
    w.apply({ leakMbPerSec: 0 });
    w.dropLeaked();
    expect(w.get()).toMatchObject({ leakedBytes: 0, leakMbPerSec: 0, latencyMs: 5 });
  });
});
