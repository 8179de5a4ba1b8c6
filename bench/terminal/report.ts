import { cpus } from 'node:os';
import type { Renderer } from './console';
import type { CatCpu } from './measure';
import type { BenchTarget } from './target';

/** Labdeck's terminal drawn by one of xterm's renderers. */
export interface TerminalWay {
  renderer: Renderer;
  /** Seconds of each `cat`. */
  seconds: number[];
  /** CPU each `cat` cost, by process (and the page's main thread by kind). */
  cpu: CatCpu[];
  echoMs: number[];
  /** The same, keys typed through Playwright's keyboard (includes the automation's own delay). */
  echoAutomationMs: number[];
}

export interface TerminalBenchResults {
  target: BenchTarget;
  floor: number[];
  floorTty: number[];
  ways: TerminalWay[];
}

export const emptyWay = (renderer: Renderer): TerminalWay => ({ renderer, seconds: [], cpu: [], echoMs: [], echoAutomationMs: [] });

const RENDERER_NAME: Record<Renderer, string> = {
  webgl: "xterm's WebGL renderer (SwiftShader: software GL in headless Chromium)",
  dom: "xterm's DOM renderer (WebGL2 refused to the page)",
};

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

/** Labdeck's throughput over a floor's (both medians): 1 is as fast as the floor. */
export function throughputRatio(floor: number[], labdeck: number[]): number {
  return median(floor) / median(labdeck);
}

/** The printed report: throughput against the floor, per renderer; echo latency; and the goals. */
export function reportLines(r: TerminalBenchResults): string[] {
  const bytes = r.target.fileBytes;
  const row = (way: string, xs: number[]): string => `| ${way} | ${median(xs).toFixed(2)} | ${mbps(bytes, median(xs))} | ${xs.map((x) => x.toFixed(2)).join(', ')} |`;
  const hasTty = r.floorTty.some((x) => !Number.isNaN(x));
  const cpuRows = (w: TerminalWay): string[] => {
    const cpuRow = (what: string, pick: (c: CatCpu) => number): string => `| ${w.renderer}: ${what} | ${median(w.cpu.map(pick)).toFixed(2)} | ${w.cpu.map((c) => pick(c).toFixed(2)).join(', ')} |`;
    return [
      cpuRow('`labdeck serve` (exec stream → WebSocket)', (c) => c.serve),
      cpuRow('Chromium, all processes (its GPU process runs SwiftShader)', (c) => c.chromium),
      cpuRow("the page's main thread: all tasks", (c) => c.pageTask),
      cpuRow('… of which script (xterm parsing and its renderer, the socket)', (c) => c.pageScript),
      cpuRow('… of which style and layout', (c) => c.pageLayout),
    ];
  };
  const echoRows = (w: TerminalWay): string[] => [
    `| ${w.renderer}: key event in the page → its frame sent → echo frame received (${w.echoMs.length} keys) | ${ms(pct(w.echoMs, 50))} | ${ms(pct(w.echoMs, 95))} | ${ms(Math.max(...w.echoMs))} |`,
    ...(w.echoAutomationMs.length ? [`| ${w.renderer}: the same, keys typed through Playwright's keyboard (${w.echoAutomationMs.length} keys) | ${ms(pct(w.echoAutomationMs, 50))} | ${ms(pct(w.echoAutomationMs, 95))} | ${ms(Math.max(...w.echoAutomationMs))} |`] : []),
  ];
  const verdict = (w: TerminalWay): string => {
    const floor = throughputRatio(r.floor, w.seconds);
    const tty = hasTty ? throughputRatio(r.floorTty, w.seconds) : NaN;
    return `${w.renderer}: Labdeck / \`docker exec -t\` throughput ${Number.isNaN(tty) ? 'n/a' : tty.toFixed(2)} (goal ≥ 0.8: ${Number.isNaN(tty) ? 'not measured' : tty >= 0.8 ? 'met' : 'NOT met'}); Labdeck / \`docker exec\` ${floor.toFixed(2)}; echo p95 ${ms(pct(w.echoMs, 95))} ms (goal < 30 ms: ${echoVerdict(w.echoMs)}).`;
  };
  return [
    `## Terminal: \`cat\` of a ${(bytes / 1e6).toFixed(1)} MB text file, ${r.floor.length} interleaved runs`,
    '',
    `${cpus().length} CPUs, Node ${process.versions.node}, ${new Date().toISOString()}`,
    '',
    '| way | median s | MB/s | runs s |',
    '|---|---:|---:|---|',
    ...r.ways.map((w) => row(`Labdeck terminal → ${RENDERER_NAME[w.renderer]}`, w.seconds)),
    row('floor: `docker exec … cat` > /dev/null', r.floor),
    ...(hasTty ? [row('`docker exec -t … cat` > /dev/null (a TTY, as a terminal has)', r.floorTty)] : []),
    '',
    '| CPU of one Labdeck `cat` | median s | runs s |',
    '|---|---:|---|',
    ...r.ways.flatMap(cpuRows),
    '',
    '| keystroke echo | p50 ms | p95 ms | max ms |',
    '|---|---:|---:|---:|',
    ...r.ways.flatMap(echoRows),
    '',
    ...r.ways.map(verdict),
  ];
}
