/** The printed table: inject → effect and revert times per fault, p50/p95, against the goal. */
import type { CaseResult } from './run-case';

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (x: number): string => `${Math.round(x)}`;

/**
 * A time "on return" is the effect's time only if the effect was then seen: a fault whose check
 * failed (or that has none) has no measured effect time, so no verdict is printed from it.
 */
export function verdict(r: CaseResult, p95: number): string {
  if (r.how === 'on return' && r.verified !== true) return r.verified === false ? 'NO (no effect seen)' : 'not measured';
  if (!r.effectMs.length) return 'not measured';
  return p95 < r.goalMs ? 'yes' : 'NO';
}

export function reportLines(engine: string, version: string, runs: number, results: CaseResult[]): string[] {
  const lines = [
    `## Fault inject → effect on ${engine} ${version}, ${runs} runs each`,
    '',
    '| fault | effect seen | p50 ms | p95 ms | goal ms | met | revert p50 ms | revert p95 ms | effect checked |',
    '|---|---|---:|---:|---:|---|---:|---:|---|',
  ];
  for (const r of results) {
    if (r.skipped) {
      lines.push(`| ${r.name} | — | — | — | ${r.goalMs} | — | — | — | skipped: ${r.skipped} |`);
      continue;
    }
    const p95 = percentile(r.effectMs, 95);
    const checked = r.how === 'polled' ? 'by the poll' : r.verified === undefined ? 'no check' : r.verified ? 'yes' : 'NO';
    lines.push(
      `| ${r.name} | ${r.how} | ${ms(percentile(r.effectMs, 50))} | ${ms(p95)} | ${r.goalMs} | ${verdict(r, p95)} | ${ms(percentile(r.revertMs, 50))} | ${ms(percentile(r.revertMs, 95))} | ${checked} |`,
    );
  }
  return lines;
}
