/** The printed table of the console paint bench: per page, median and p95 ms to its first data, against the floor and the goal. */
import { median, percentile } from '../dashboard/stats';

export interface PaintCase {
  name: string;
  /** Milliseconds per run (navigation or click to the page's first data on screen). */
  ms: number[];
  /** The goal for the p95, in ms. */
  goalMs?: number;
}

/** `yes` when the p95 is under the goal, `NO` when not, `—` without a goal (the floor). */
export function paintMet(c: PaintCase): string {
  if (c.goalMs === undefined) return '—';
  if (!c.ms.length) return 'not measured';
  return percentile(c.ms, 95) < c.goalMs ? 'yes' : 'NO';
}

export function paintReport(floor: PaintCase, cases: PaintCase[], runs: number, load: string): string[] {
  const f = median(floor.ms);
  const lines = [
    `## Console paint, ${runs} runs each in fresh browser contexts (load average before: ${load})`,
    '',
    '| what | median ms | p95 ms | × floor (median) | goal (p95) | met |',
    '|---|---:|---:|---:|---|---|',
  ];
  for (const c of [floor, ...cases]) {
    const med = c.ms.length ? median(c.ms) : NaN;
    const p95 = c.ms.length ? percentile(c.ms, 95) : NaN;
    const ratio = Number.isFinite(med) && f > 0 ? (med / f).toFixed(2) : '—';
    const goal = c.goalMs !== undefined ? `< ${c.goalMs} ms` : c === floor ? 'floor' : '—';
    lines.push(`| ${c.name} | ${Number.isFinite(med) ? Math.round(med) : '—'} | ${Number.isFinite(p95) ? Math.round(p95) : '—'} | ${ratio} | ${goal} | ${paintMet(c)} |`);
  }
  return lines;
}
