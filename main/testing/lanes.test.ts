import { describe, expect, it } from 'vitest';
import { lanes } from './lanes';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('lanes', () => {
  it('runs one task at a time per key, keys side by side, and a failure does not block the lane', async () => {
    const inLane = lanes();
    const log: string[] = [];
    const task = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const results = await Promise.allSettled([inLane('a', task('a1', true)), inLane('a', task('a2')), inLane('b', task('b1'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('start b1')).toBeLessThan(log.indexOf('end a1'));
  });
});
