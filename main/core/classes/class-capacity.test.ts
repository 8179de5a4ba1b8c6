import { describe, expect, it } from 'vitest';
import { capacityPlan } from './class-capacity';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const redis = { step: 0, lab: 'redis-streams', budgetMemoryBytes: 768 * MiB, budgetCpus: 2, limitMemoryBytes: 1024 * MiB, limitCpus: 3 };

describe('capacityPlan', () => {
  it('fits three seats of 768 MiB in 24 GiB, and says CPU is shared 3× on 2 cores', () => {
    const p = capacityPlan('c', 3, [redis], { memoryBytes: 24 * GiB, cpus: 2 });
    expect(p.need).toEqual({ memoryBytes: 3 * 768 * MiB, cpus: 6 });
    expect(p.verdict).toBe('warn');
    expect(p.notes.join('\n')).toMatch(/Memory fits: 9 %.*up to 28 seat/);
    expect(p.notes.join('\n')).toMatch(/CPU is shared 3× \(6 CPU of limits on 2 cores\)/);
  });

  it('refuses when memory does not fit, naming how many seats would', () => {
    const p = capacityPlan('c', 12, [redis], { memoryBytes: 8 * GiB, cpus: 16 });
    expect(p.verdict).toBe('refuse');
    expect(p.notes.join('\n')).toMatch(/Memory does not fit: 9216 MiB is 113 % of the engine's 8192 MiB.*9 seat\(s\) fit/);
  });

  it('counts a seat at its largest step, by the limits where a template states no budget', () => {
    const p = capacityPlan('c', 2, [redis, { step: 1, lab: 'x', limitMemoryBytes: 2 * GiB, limitCpus: 1 }], { memoryBytes: 64 * GiB, cpus: 16 });
    expect(p.perSeat).toEqual({ memoryBytes: 2 * GiB, cpus: 2 });
    expect(p.verdict).toBe('ok');
  });

  it('warns when the engine says nothing of its size', () => {
    expect(capacityPlan('c', 2, [redis], undefined).verdict).toBe('warn');
  });
});
