import { describe, expect, it } from 'vitest';
import { byTime, LogLineSplitter, timeKey } from './log-lines';

describe('log lines', () => {
  it('orders Docker nanosecond and Podman offset timestamps by the instant they name', () => {
    const a = timeKey('2025-01-01T10:00:00.000000001Z');
    const b = timeKey('2025-01-01T10:00:00.00000002Z');
    const c = timeKey('2025-01-01T11:00:00.5+01:00'); // 10:00:00.5 UTC
    expect(a < b && b < c).toBe(true);
    expect(timeKey('not a time')).toBe('');
  });

  it('splits chunks into stamped lines, keeps a partial line, and decodes UTF-8 split across chunks', () => {
    const s = new LogLineSplitter({ service: 'redis', container: 'l-redis-1', stream: 'stderr' });
    const euro = Buffer.from('€');
    const first = s.push(Buffer.concat([Buffer.from('2025-01-01T10:00:00.1Z hello\n2025-01-01T10:00:00.2Z pri'), euro.subarray(0, 1)]));
    expect(first).toEqual([{ service: 'redis', container: 'l-redis-1', stream: 'stderr', time: '2025-01-01T10:00:00.1Z', text: 'hello' }]);
    const second = s.push(Buffer.concat([euro.subarray(1), Buffer.from('ce\r\n')]));
    expect(second.map((l) => l.text)).toEqual(['pri€ce']);
    expect(s.push(Buffer.from('2025-01-01T10:00:00.3Z tail'))).toEqual([]);
    expect(s.end().map((l) => l.text)).toEqual(['tail']);
  });

  it('sorts merged lines by time', () => {
    const mk = (time: string, service: string) => ({ time, service, container: service, stream: 'stdout' as const, text: '' });
    const lines = [mk('2025-01-01T10:00:02Z', 'b'), mk('2025-01-01T10:00:00.5Z', 'a'), mk('2025-01-01T10:00:01.000000001Z', 'c')];
    expect(lines.sort(byTime).map((l) => l.service)).toEqual(['a', 'c', 'b']);
  });
});
