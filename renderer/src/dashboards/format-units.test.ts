import { describe, expect, it } from 'vitest';
import { formatUnit } from './format-units';

describe('formatUnit', () => {
  it('formats bytes in binary units', () => {
    expect(formatUnit('bytes', 0)).toBe('0 B');
    expect(formatUnit('bytes', 512)).toBe('512 B');
    expect(formatUnit('bytes', 1536)).toBe('1.5 KiB');
    expect(formatUnit('bytes', 64 * 1024 * 1024)).toBe('64 MiB');
    expect(formatUnit('bytes', 3.25 * 1024 ** 3)).toBe('3.3 GiB');
  });

  it('formats durations from seconds and from milliseconds', () => {
    expect(formatUnit('seconds', 0.0042)).toBe('4.2 ms');
    expect(formatUnit('seconds', 0.25)).toBe('250 ms');
    expect(formatUnit('seconds', 2.5)).toBe('2.5 s');
    expect(formatUnit('seconds', 90)).toBe('1.5 min');
    expect(formatUnit('seconds', 0.000012)).toBe('12 µs');
    expect(formatUnit('ms', 1500)).toBe('1.5 s');
    expect(formatUnit('ms', 12)).toBe('12 ms');
  });

  it('formats rates with a suffix and SI prefixes', () => {
    expect(formatUnit('ops', 1234)).toBe('1.23K ops/s');
    expect(formatUnit('reqps', 12.5)).toBe('12.5 req/s');
    expect(formatUnit('short', 2_500_000)).toBe('2.5M');
    expect(formatUnit('short', 0)).toBe('0');
  });

  it('formats percentages from 0–100 and from 0–1', () => {
    expect(formatUnit('percent', 42.123)).toBe('42%');
    expect(formatUnit('percent', 3.14)).toBe('3.1%');
    expect(formatUnit('percentunit', 0.5)).toBe('50%');
    expect(formatUnit('percentunit', 0.025)).toBe('2.5%');
  });

  it('shows a dash for missing values and names infinities', () => {
    expect(formatUnit('bytes', null)).toBe('—');
    expect(formatUnit('short', Number.NaN)).toBe('—');
    expect(formatUnit('seconds', Number.POSITIVE_INFINITY)).toBe('+Inf');
  });
});
