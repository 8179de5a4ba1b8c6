import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatcher } from './event-batcher';

describe('event batcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands a burst over once, after the interval', () => {
    const got: number[][] = [];
    const b = createBatcher<number>((xs) => got.push(xs), 100);
    for (let i = 0; i < 50; i++) b.push(i);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(got).toHaveLength(1);
    expect(got[0]).toHaveLength(50);
    b.push(99);
    vi.advanceTimersByTime(100);
    expect(got[1]).toEqual([99]);
  });

  it('flushes on demand and drops everything once stopped', () => {
    const got: number[][] = [];
    const b = createBatcher<number>((xs) => got.push(xs), 100);
    b.push(1);
    b.flush();
    expect(got).toEqual([[1]]);
    b.push(2);
    b.stop();
    vi.advanceTimersByTime(500);
    expect(got).toEqual([[1]]);
  });
});
