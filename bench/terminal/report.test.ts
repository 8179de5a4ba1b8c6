import { describe, expect, it } from 'vitest';
import { echoVerdict, reportLines } from './report';

describe('the terminal bench echo verdict', () => {
  it('counts keys that never echoed in the p95 instead of dropping them', () => {
    const fast = Array.from({ length: 100 }, () => 5);
    expect(echoVerdict(fast)).toBe('met');
    // 6 of 100 keys lost: dropped, the p95 of the rest would be 5 ms and "met".
    const lost = [...fast.slice(0, 94), ...Array.from({ length: 6 }, () => Number.POSITIVE_INFINITY)];
    expect(echoVerdict(lost)).toBe('NOT met; 6 of 100 keys never echoed');
    expect(echoVerdict([...fast.slice(0, 99), Number.POSITIVE_INFINITY])).toBe('met; 1 of 100 keys never echoed');
    expect(echoVerdict([])).toBe('not measured');
  });
});

describe('the terminal bench report', () => {
  const target = { lab: 'l', service: 'tools', container: 'c', file: '/tmp/f', fileBytes: 100_000_000 };
  const cpu = { serve: 0.3, chromium: 5, pageTask: 7, pageScript: 3, pageLayout: 1 };
  const way = (renderer: 'webgl' | 'dom', seconds: number[]) => ({ renderer, seconds, cpu: seconds.map(() => cpu), echoMs: Array.from({ length: 20 }, () => 8), echoAutomationMs: [] });

  it('prints one row and one verdict per renderer, judged against `docker exec -t`', () => {
    const lines = reportLines({ target, floor: [1, 1, 1], floorTty: [4, 5, 6], ways: [way('webgl', [10, 11, 12]), way('dom', [5, 6, 7])] });
    expect(lines.filter((l) => l.startsWith('| Labdeck terminal'))).toEqual([
      "| Labdeck terminal → xterm's WebGL renderer (SwiftShader: software GL in headless Chromium) | 11.00 | 9.1 | 10.00, 11.00, 12.00 |",
      "| Labdeck terminal → xterm's DOM renderer (WebGL2 refused to the page) | 6.00 | 16.7 | 5.00, 6.00, 7.00 |",
    ]);
    expect(lines.filter((l) => /^(webgl|dom): Labdeck/.test(l))).toEqual([
      'webgl: Labdeck / `docker exec -t` throughput 0.45 (goal ≥ 0.8: NOT met); Labdeck / `docker exec` 0.09; echo p95 8.0 ms (goal < 30 ms: met).',
      'dom: Labdeck / `docker exec -t` throughput 0.83 (goal ≥ 0.8: met); Labdeck / `docker exec` 0.17; echo p95 8.0 ms (goal < 30 ms: met).',
    ]);
  });

  it('says the TTY goal was not measured when `docker exec -t` failed', () => {
    const lines = reportLines({ target, floor: [1], floorTty: [NaN], ways: [way('webgl', [2])] });
    expect(lines.at(-1)).toMatch(/^webgl: Labdeck \/ `docker exec -t` throughput n\/a \(goal ≥ 0.8: not measured\)/);
  });
});
