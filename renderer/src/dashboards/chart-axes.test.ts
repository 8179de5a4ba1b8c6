import { describe, expect, it } from 'vitest';
import { axisSizeFor, timeTicks, timeTickSpace } from './chart-axes';

// a monospace-ish measure: 7 px a character, as 11.5 px digits roughly are
const measure = (t: string): number => t.length * 7;

describe('chart axes', () => {
  it('makes the y axis as wide as its widest label, so "150 ops/s" is not clipped to "50 ops/s"', () => {
    const size = axisSizeFor(['0 ops/s', '50 ops/s', '100 ops/s', '150 ops/s'], measure);
    expect(size).toBeGreaterThanOrEqual(measure('150 ops/s') + 10);
    expect(axisSizeFor(['0 ops/s', '50 ops/s', '100 ops/s', '150 ops/s'], measure)).toBeGreaterThan(axisSizeFor(['0', '5'], measure));
    expect(axisSizeFor(['14.3 MiB', '1.2 GiB', null], measure)).toBeGreaterThanOrEqual(measure('14.3 MiB') + 10);
    expect(axisSizeFor(null, measure)).toBe(36);
  });

  it('labels time ticks by the span, with no date run into a time', () => {
    const t0 = new Date(2026, 11, 2, 4, 14, 0).getTime() / 1000;
    expect(timeTicks([t0, t0 + 60], 15 * 60)).toEqual(['04:14', '04:15']);
    expect(timeTicks([t0, t0 + 30], 120)).toEqual(['04:14:00', '04:14:30']);
    expect(timeTicks([t0, t0 + 86400], 7 * 86400)).toEqual(['12/2 04:14', '12/3 04:14']);
  });

  it('spaces time ticks wider than their labels at 7 px a character, so neighbours never touch', () => {
    for (const [span, sample] of [[120, '04:14:00'], [900, '04:14'], [7 * 86400, '12/22 04:14']] as const) {
      expect(timeTickSpace(span)).toBeGreaterThan(measure(sample) + 8);
    }
  });
});
