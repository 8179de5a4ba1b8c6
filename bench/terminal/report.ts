import { cpus } from 'node:os';
import type { CatCpu } from './measure';
import type { BenchTarget } from './target';

export interface TerminalBenchResults {
  target: BenchTarget;
  floor: number[];
  floorTty: number[];
  labdeck: number[];
  /** CPU each Labdeck `cat` cost, by process (and the page's main thread by kind). */
  cpu: CatCpu[];
  echoMs: number[];
  /** The same, keys typed through Playwright's keyboard (includes the automation's own delay). */
  echoAutomationMs: number[];
}

const median = (xs: number[]): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const mbps = (bytes: number, s: number): string => (bytes / s / 1e6).toFixed(1);
const ms = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'no echo');

/** The echo goal (p95 < 30 ms) judged over every key typed: a key that never echoed counts as too slow. */
export function echoVerdict(echoMs: number[]): string {
  if (!echoMs.length) return 'not measured';
  const lost = echoMs.filter((x) => !Number.isFinite(x)).length;
  const p95 = pct(echoMs, 95);
  const verdict = p95 < 30 ? 'met' : 'NOT met';
  return lost ? `${verdict}; ${lost} of ${echoMs.length} keys never echoed` : verdict;
}

/** The printed report: throughput against the floor, echo latency, and the goals. */
export function reportLines(r: TerminalBenchResults): string[] {
  const bytes = r.target.fileBytes;
  const row = (way: string, xs: number[]): string => `| ${way} | ${median(xs).toFixed(2)} | ${mbps(bytes, median(xs))} | ${xs.map((x) => x.toFixed(2)).join(', ')} |`;
  const ratio = median(r.floor) / median(r.labdeck);
  const ratioTty = median(r.floorTty) / median(r.labdeck);
  const cpuRow = (what: string, pick: (c: CatCpu) => number): string => `| ${what} | ${median(r.cpu.map(pick)).toFixed(2)} | ${r.cpu.map((c) => pick(c).toFixed(2)).join(', ')} |`;
  const p50 = pct(r.echoMs, 50);
  const p95 = pct(r.echoMs, 95);
  return [
    `## Terminal: \`cat\` of a ${(bytes / 1e6).toFixed(1)} MB text file, ${r.floor.length} interleaved runs`,
    '',
    `${cpus().length} CPUs, Node ${process.versions.node}, ${new Date().toISOString()}`,
    '',
    '| way | median s | MB/s | runs s |',
    '|---|---:|---:|---|',
    row('Labdeck terminal → xterm in Chromium (browser console)', r.labdeck),
    row('floor: `docker exec … cat` > /dev/null', r.floor),
    ...(r.floorTty.some((x) => !Number.isNaN(x)) ? [row('`docker exec -t … cat` > /dev/null (a TTY, as a terminal has)', r.floorTty)] : []),
    '',
    '| CPU of one Labdeck `cat` | median s | runs s |',
    '|---|---:|---|',
    cpuRow('`labdeck serve` (exec stream → WebSocket)', (c) => c.serve),
    cpuRow('Chromium, all processes', (c) => c.chromium),
    cpuRow('the page\'s main thread: all tasks', (c) => c.pageTask),
    cpuRow('… of which script (xterm parsing, the socket)', (c) => c.pageScript),
    cpuRow('… of which style and layout (xterm\'s DOM renderer)', (c) => c.pageLayout),
    '',
    `| keystroke echo (${r.echoMs.length} keys) | p50 ms | p95 ms | max ms |`,
    '|---|---:|---:|---:|',
    `| key event in the page → its frame sent → echo frame received | ${ms(p50)} | ${ms(p95)} | ${ms(Math.max(...r.echoMs))} |`,
    ...(r.echoAutomationMs.length
      ? [`| the same, keys typed through Playwright's keyboard (${r.echoAutomationMs.length} keys) | ${ms(pct(r.echoAutomationMs, 50))} | ${ms(pct(r.echoAutomationMs, 95))} | ${ms(Math.max(...r.echoAutomationMs))} |`]
      : []),
    '',
    `Labdeck / floor throughput: ${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'}); Labdeck / \`docker exec -t\`: ${Number.isNaN(ratioTty) ? 'n/a' : ratioTty.toFixed(2)}; echo p95 ${ms(p95)} ms (goal < 30 ms: ${echoVerdict(r.echoMs)}).`,
  ];
}
