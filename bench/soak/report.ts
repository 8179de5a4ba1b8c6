import { cpus, loadavg } from 'node:os';
import { GROWTH_FLOOR_PER_HOUR, trendOf, type SoakSample, type Trend } from './trend';

export interface SoakResults {
  lab: string;
  minutes: number;
  everySeconds: number;
  /** Seconds from the start of sampling left out of the trends: scrollbacks and caches filling. */
  warmupSeconds: number;
  samples: SoakSample[];
  terminals: number;
  visibleTerminals: number;
}

export const RSS_GOAL = 200 * 1024 * 1024;
const mb = (b: number): string => (b / 1024 / 1024).toFixed(1);
const trendText = (t: Trend): string => `${t.perHour >= 0 ? '+' : ''}${mb(t.perHour)} ± ${mb(t.error)} MB/h (rise ${mb(t.fittedGrowth)} MB over the window)`;

export interface SoakVerdicts {
  rssMax: number;
  rssUnderGoal: boolean;
  rss: Trend;
  dashboardHeap: Trend;
  terminalsHeap: Trend;
  /** The terminals kept receiving output to the end, the dashboard kept drawing points. */
  streaming: boolean;
}

export function verdicts(r: SoakResults): SoakVerdicts {
  const rssMax = Math.max(...r.samples.map((s) => s.serveRss));
  const last = r.samples.at(-1);
  const before = r.samples.at(-2);
  return {
    rssMax,
    rssUnderGoal: rssMax < RSS_GOAL,
    rss: trendOf(r.samples, (s) => s.serveRss, r.warmupSeconds),
    dashboardHeap: trendOf(r.samples, (s) => s.dashboardHeap, r.warmupSeconds),
    terminalsHeap: trendOf(r.samples, (s) => s.terminalsHeap, r.warmupSeconds),
    streaming: !!last && !!before && last.terminalBytes > before.terminalBytes && last.points > 0,
  };
}

/** The printed report: the goals with their numbers, then every sample. */
export function reportLines(r: SoakResults): string[] {
  const v = verdicts(r);
  const flat = (t: Trend): string => (t.growing ? 'NOT met: grows' : 'met');
  const first = r.samples[0];
  const last = r.samples.at(-1)!;
  return [
    `## Soak: \`labdeck serve\` with ${r.lab}, its dashboard at 1 s refresh and ${r.terminals} terminals streaming (${r.visibleTerminals} visible), ${r.minutes} min`,
    '',
    `${cpus().length} CPUs, load ${loadavg().map((x) => x.toFixed(1)).join(' ')}, Node ${process.versions.node}, ${new Date().toISOString()}; a sample every ${r.everySeconds} s, trends after a ${r.warmupSeconds} s warm-up; a trend is growth over two standard errors and over ${mb(GROWTH_FLOOR_PER_HOUR)} MB/h`,
    '',
    '| what | value | goal |',
    '|---|---|---|',
    `| serve RSS max | ${mb(v.rssMax)} MB (first ${mb(first.serveRss)}, last ${mb(last.serveRss)}) | < 200 MB: ${v.rssUnderGoal ? 'met' : 'NOT met'} |`,
    `| serve RSS slope | ${trendText(v.rss)} | no growth trend: ${flat(v.rss)} |`,
    `| dashboard page JS heap slope | ${trendText(v.dashboardHeap)} (last ${mb(last.dashboardHeap)} MB) | flat: ${flat(v.dashboardHeap)} |`,
    `| terminals page JS heap slope | ${trendText(v.terminalsHeap)} (last ${mb(last.terminalsHeap)} MB) | flat: ${flat(v.terminalsHeap)} |`,
    `| terminal output received | ${mb(last.terminalBytes)} MB; still streaming at the end: ${v.streaming ? 'yes' : 'NO'} | — |`,
    '',
    '| s | serve RSS MB | dashboard heap MB | terminals heap MB | terminal MB | points |',
    '|---:|---:|---:|---:|---:|---:|',
    ...r.samples.map((s) => `| ${s.at.toFixed(0)} | ${mb(s.serveRss)} | ${mb(s.dashboardHeap)} | ${mb(s.terminalsHeap)} | ${mb(s.terminalBytes)} | ${s.points} |`),
  ];
}
