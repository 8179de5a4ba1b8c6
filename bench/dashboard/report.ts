/** The printed report: decode and draw times, live CPU, heap over time, each against its goal. */
import { cpus } from 'node:os';
import { warnings } from '../lab-up/cleanup';
import type { CoreDecodeTimes } from './core-decode';
import type { DrawResults } from './draw-bench';
import { heapTrend } from './heap-trend';
import type { LiveResults } from './live-bench';
import { f1, f2, median, mib, percentile } from './stats';
import { cpuVerdict, leakVerdict } from './verdicts';

export interface ReportInput {
  points: number;
  width: number;
  core: { times: CoreDecodeTimes; bytes: { prometheus: number; wire: number } };
  draw: DrawResults;
  live?: LiveResults;
  liveOptions?: { panels: number; refreshSeconds: number; range: string; warmMinutes: number; cpuSeconds: number; minutes: number; lab: string };
  dockerVersion: string;
}

const row = (step: string, where: string, xs: number[]): string => `| ${step} | ${where} | ${f2(median(xs))} | ${f2(percentile(xs, 95))} |`;
const load = (l: number[]): string => l.map(f2).join(', ');

function drawLines(r: ReportInput): string[] {
  const { core, draw } = r;
  const s = draw.samples;
  const pick = (k: 'decode' | 'align' | 'draw' | 'drawToPixels'): number[] => s.map((x) => x[k]);
  const rendererTotal = s.map((x) => x.decode + x.align + x.drawToPixels);
  const mid = median(pick('drawToPixels'));
  const worst = percentile(pick('drawToPixels'), 95);
  return [
    `### Decode and draw one ${r.points.toLocaleString('en')}-point series (${s.length} draws, chart ${r.width} px wide)`,
    '',
    '| step | where | median ms | p95 ms |',
    '|---|---|---:|---:|',
    row(`Prometheus answer JSON.parse (${Math.round(core.bytes.prometheus / 1024)} KiB)`, 'core (Node)', core.times.parse),
    row('`decodeMatrix` (strings → numbers)', 'core (Node)', core.times.decode),
    row('contract: dispatcher checks RangeResult', 'core (Node)', core.times.contract),
    row(`JSON.stringify for the WebSocket (${Math.round(core.bytes.wire / 1024)} KiB)`, 'core (Node)', core.times.stringify),
    row('**core total**', 'core (Node)', core.times.total),
    row('JSON.parse + ServerMessage + RangeResult parse (client)', 'renderer (Chromium)', pick('decode')),
    row('`alignSeries` (→ uPlot columns)', 'renderer (Chromium)', pick('align')),
    row('draw: React render → `setData` → last canvas call', 'renderer (Chromium)', pick('draw')),
    row('**draw incl. raster** (one pixel read back)', 'renderer (Chromium)', pick('drawToPixels')),
    row('**renderer total** (decode + align + draw incl. raster)', 'renderer (Chromium)', rendererTotal),
    '',
    `First draw, chart created: decode ${f2(draw.first.decode)} ms, align ${f2(draw.first.align)} ms, draw incl. raster ${f2(draw.first.drawToPixels)} ms.`,
    `Goal: draw < 16 ms. This run, draw incl. raster: median ${f2(mid)} ms ${mid < 16 ? 'MET' : 'NOT MET'}, p95 ${f2(worst)} ms ${worst < 16 ? 'MET' : 'NOT MET'}.`,
  ];
}

/** A warning when calls take longer than the refresh: panels then skip ticks, and the CPU is that of a slower refresh. */
function slowCalls(c: LiveResults['cpu'], refreshSeconds: number): string[] {
  const slow = [...c.calls].filter(([, v]) => v.count > 0 && median(v.latencies) > refreshSeconds * 1000).map(([m]) => `\`${m}\``);
  if (!slow.length) return [];
  return [`Warning: ${slow.join(', ')} take longer than the ${refreshSeconds} s refresh (median above): a panel skips a tick while its call is in flight, so the CPU above is that of a slower refresh.`, ''];
}

function liveLines(live: LiveResults, o: NonNullable<ReportInput['liveOptions']>): string[] {
  const c = live.cpu;
  const total = c.serve + c.renderer;
  const kinds = Object.entries(live.dashboard.kinds).map(([k, n]) => `${n} ${k}`).join(', ');
  const first = live.heap[0];
  const last = live.heap.at(-1)!;
  const mid = live.heap[Math.floor(live.heap.length / 2)];
  const growth = last.used - first.used;
  const trend = heapTrend(live.heap);
  const kib = (b: number): string => `${b >= 0 ? '+' : ''}${Math.round(b / 1024)} KiB`;
  const out = [
    `### ${live.panelsShown} live panels at ${o.refreshSeconds} s refresh, ${f1(c.seconds)} s`,
    '',
    `Lab \`${o.lab}\`, its dashboard filled to ${live.panelsShown} panels (${kinds}; ${live.panelsWithPoints} with points), range "Last ${o.range}" opened after the lab had run ${o.warmMinutes} min.`,
    '',
    '| process | CPU % of one core |',
    '|---|---:|',
    `| \`labdeck serve\` (stands in for Electron's main process) | ${f1(c.serve)} |`,
    `| Chromium renderer (all its threads) | ${f1(c.renderer)} |`,
    `| … of which its main thread's tasks (CDP TaskDuration) | ${f1(c.rendererMainThread)} |`,
    `| … of which script (CDP ScriptDuration) | ${f1(c.rendererScript)} |`,
    `| **main + renderer** | **${f1(total)}** |`,
    `| Chromium's browser, GPU and utility processes (not in the goal) | ${f1(c.chromiumOther)} |`,
    '',
    `Load average (1, 5, 15 min) before ${load(c.loadBefore)}, after ${load(c.loadAfter)}.`,
    `Goal: main + renderer < 10% of one core. This run: ${cpuVerdict(live)} (${f1(total)}%).`,
    '',
    'The page\'s calls in the window (from its WebSocket frames):',
    '',
    '| method | calls/s | median ms | p95 ms |',
    '|---|---:|---:|---:|',
    ...[...c.calls].filter(([, v]) => v.count > 0).map(([m, v]) => `| \`${m}\` | ${f2(v.count / c.seconds)} | ${f1(median(v.latencies))} | ${f1(percentile(v.latencies, 95))} |`),
    '',
    ...slowCalls(c, o.refreshSeconds),
    `### Heap of the same live view, minute ${first.minute} to ${last.minute} (each: the smallest of 5 readings after forced GC, 1 s apart)`,
    '',
    '| minute | JS heap MiB | DOM nodes | JS listeners | points drawn | `labdeck serve` RSS MiB |',
    '|---:|---:|---:|---:|---:|---:|',
    ...live.heap.map((h) => `| ${h.minute} | ${mib(h.used)} | ${h.nodes} | ${h.listeners} | ${h.points} | ${mib(h.serveRss)} |`),
    '',
    `Minute ${first.minute} → ${last.minute}: ${growth >= 0 ? '+' : ''}${mib(growth)} MiB (${f1((100 * growth) / first.used)}%); DOM nodes ${first.nodes} → ${last.nodes}, listeners ${first.listeners} → ${last.listeners} (minute ${mid.minute}: ${mid.nodes}, ${mid.listeners}).`,
    `Trend (least squares over every minute): ${kib(trend.slope)}/min, ${kib(trend.fittedGrowth)} over the run, against a scatter of ${Math.round(trend.scatter / 1024)} KiB (1 σ).`,
    `Goal: no leak (the trend's rise within 2 σ of the scatter; DOM nodes and listeners flat in the second half). This run: ${leakVerdict(live.heap)}.`,
  ];
  if (live.errors.length) out.push('', 'Panel or page errors at the end:', ...live.errors.map((e) => `- ${e}`));
  return out;
}

/** The report as Markdown lines. */
export function reportLines(r: ReportInput): string[] {
  const out = [
    '## Dashboards: decode, draw, live CPU, heap',
    '',
    `${cpus().length} CPUs (shared), Node ${process.versions.node}, Chromium ${r.draw.chromium} (headless, --disable-gpu), Docker ${r.dockerVersion}, ${new Date().toISOString()}`,
    '',
    ...drawLines(r),
  ];
  if (r.live && r.liveOptions) out.push('', ...liveLines(r.live, r.liveOptions));
  if (warnings.length) out.push('', ...warnings.map((w) => `Warning: ${w}`));
  return out;
}
