import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, formatScore, isFinalState, tickedElapsed } from './run-format';

describe('run formatting', () => {
  it('reads a stopwatch', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(65_400)).toBe('1:05');
    expect(formatClock(3_723_000)).toBe('1:02:03');
    expect(formatClock(-5)).toBe('0:00');
  });
  it('says durations for people, and — for none', () => {
    expect(formatDuration(undefined)).toBe('—');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
  it('knows the final states and shows scores', () => {
    expect(isFinalState('passed')).toBe(true);
    expect(isFinalState('paused')).toBe(false);
    expect(formatScore(81.6)).toBe('82 / 100');
    expect(formatScore(undefined)).toBe('—');
  });
  it('ticks the timer only while the run moves', () => {
    const t = { elapsedMs: 10_000, paused: false };
    expect(tickedElapsed(t, 'running', 1000, 4000)).toBe(13_000);
    expect(tickedElapsed({ ...t, paused: true }, 'paused', 1000, 4000)).toBe(10_000);
    expect(tickedElapsed(t, 'passed', 1000, 4000)).toBe(10_000);
    expect(tickedElapsed(t, 'baseline', 1000, 4000)).toBe(10_000);
  });
});
