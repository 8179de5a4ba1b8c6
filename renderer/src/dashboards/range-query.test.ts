import { describe, expect, it } from 'vitest';
import { parseRange, rangeWindow } from './range-query';

describe('parseRange', () => {
  it('reads what a person types for a custom range', () => {
    expect(parseRange('30m')).toBe(1800);
    expect(parseRange(' 2h ')).toBe(7200);
    expect(parseRange('1h30m')).toBe(5400);
    expect(parseRange('90s')).toBe(90);
    expect(parseRange('1d')).toBe(86_400);
  });
  it('refuses what is not a range, or is too short or too long', () => {
    for (const bad of ['', '30', 'm', '5 m', '-5m', '1w', '5s', '8d', 'now-1h']) expect(parseRange(bad)).toBeUndefined();
  });
});

describe('rangeWindow', () => {
  it('ends now and takes about 300 steps of at least a second', () => {
    expect(rangeWindow(900, 1000.7)).toEqual({ start: 100, end: 1000, stepSeconds: 3 });
    expect(rangeWindow(60, 1000)).toEqual({ start: 940, end: 1000, stepSeconds: 1 });
  });
});
