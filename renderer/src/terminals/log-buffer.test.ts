import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer';

const line = (t: string, service = 'a', text = t) => ({ time: `2025-01-01T10:00:${t}Z`, service, container: service, stream: 'stdout' as const, text });

describe('LogBuffer', () => {
  it('keeps lines in time order even when a batch arrives late', () => {
    const b = new LogBuffer();
    b.add([line('01'), line('04')]);
    b.add([line('02', 'b'), line('03', 'c')]);
    b.add([line('05')]);
    expect(b.all().map((l) => l.text)).toEqual(['01', '02', '03', '04', '05']);
  });

  it('is bounded: past max the oldest lines go, and it counts them', () => {
    const b = new LogBuffer(3);
    b.add(['01', '02', '03', '04', '05'].map((t) => line(t)));
    expect(b.all().map((l) => l.text)).toEqual(['03', '04', '05']);
    expect(b.dropped).toBe(2);
  });

  it('filters by text or service, and finds the first line at a time', () => {
    const b = new LogBuffer();
    b.add([line('01', 'redis', 'ready'), line('02', 'worker', 'ERR x'), line('03', 'redis', 'err y')]);
    expect(b.filter('err').map((l) => l.time.slice(-3))).toEqual(['02Z', '03Z']);
    expect(b.filter('worker')).toHaveLength(1);
    expect(b.indexAt('2025-01-01T10:00:02.5Z')).toBe(2);
  });
});
