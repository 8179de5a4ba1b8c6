import { describe, expect, it } from 'vitest';
import { alignSeries, countPoints, legendFor, stackAligned } from './series-to-uplot';

describe('alignSeries', () => {
  it('merges the times of every series and fills gaps with null', () => {
    const data = alignSeries([
      { labels: { service: 'a' }, points: [[10, 1], [20, 2], [30, 3]] },
      { labels: { service: 'b' }, points: [[20, 5], [40, 6]] },
    ]);
    expect(data).toEqual([
      [10, 20, 30, 40],
      [1, 2, 3, null],
      [null, 5, null, 6],
    ]);
    expect(countPoints(data)).toBe(5);
  });

  it('sorts unsorted points and turns NaN into a gap', () => {
    const data = alignSeries([{ labels: {}, points: [[30, Number.NaN], [10, 1]] }]);
    expect(data).toEqual([[10, 30], [1, null]]);
  });

  it('gives an empty axis for no series', () => {
    expect(alignSeries([])).toEqual([[]]);
    expect(countPoints(alignSeries([]))).toBe(0);
  });
});

describe('stackAligned', () => {
  it('adds each series to the ones before it, leaving gaps alone', () => {
    expect(stackAligned([[1, 2], [1, 2], [3, null], [1, 1]])).toEqual([[1, 2], [1, 2], [4, null], [5, 3]]);
  });
});

describe('legendFor', () => {
  it('fills a template from labels', () => {
    expect(legendFor({ service: 'redis', instance: 'redis-1:9121' }, '{{service}} {{ instance }}')).toBe('redis redis-1:9121');
  });

  it('falls back to the Prometheus notation', () => {
    expect(legendFor({ __name__: 'up', job: 'x' })).toBe('up{job="x"}');
    expect(legendFor({})).toBe('{}');
  });
});
