import { describe, expect, it } from 'vitest';
import { reportLines, verdicts, type SoakResults } from './report';
import type { SoakSample } from './trend';

const MB = 1024 * 1024;
const run = (f: (at: number) => Partial<SoakSample>): SoakResults => ({
  lab: 'redis-streams',
  minutes: 5,
  everySeconds: 10,
  warmupSeconds: 60,
  terminals: 4,
  visibleTerminals: 2,
  samples: Array.from({ length: 31 }, (_, i) => ({ at: i * 10, serveRss: 120 * MB, dashboardHeap: 20 * MB, terminalsHeap: 30 * MB, terminalBytes: i * MB, points: 500, ...f(i * 10) })),
});

describe('the soak verdicts', () => {
  it('calls flat memory with noise flat, and gives the slope per hour', () => {
    const v = verdicts(run((at) => ({ serveRss: (120 + ((at / 10) % 2 ? 1 : -1)) * MB })));
    expect(v.rssUnderGoal).toBe(true);
    expect(v.rss.growing).toBe(false);
    expect(Math.abs(v.rss.perHour)).toBeLessThan(2 * MB);
    expect(v.streaming).toBe(true);
  });

  it('finds a steady leak after the warm-up, even one smaller than the noise of a single reading', () => {
    // +0.5 MB a minute (30 MB/h) under ±1 MB of noise; a big jump in the warm-up is left out
    const v = verdicts(run((at) => ({ serveRss: (at < 60 ? 150 : 120 + (at / 60) * 0.5 + ((at / 10) % 2 ? 1 : -1)) * MB })));
    expect(v.rss.growing).toBe(true);
    expect(v.rss.perHour / MB).toBeCloseTo(30, -1);
    expect(v.rssMax).toBe(150 * MB);
  });

  it('says RSS over 200 MB, and a stalled stream, plainly', () => {
    const r = run((at) => ({ serveRss: 210 * MB, terminalBytes: Math.min(at, 100) * MB }));
    const lines = reportLines(r);
    expect(lines.find((l) => l.startsWith('| serve RSS max'))).toMatch(/210\.0 MB .*< 200 MB: NOT met/);
    expect(lines.find((l) => l.startsWith('| terminal output'))).toMatch(/still streaming at the end: NO/);
  });
});
