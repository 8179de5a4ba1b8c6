/** The printed table: inject → effect and revert times per fault, p50/p95, against the goal. */
import type { CaseResult } from './run-case';

export function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

const ms = (x: number): string => `${Math.round(x)}`;

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
    lines.push(
      `| ${r.name} | ${r.how} | ${ms(percentile(r.effectMs, 50))} | ${ms(p95)} | ${r.goalMs} | ${p95 < r.goalMs ? 'yes' : 'NO'} | ${ms(percentile(r.revertMs, 50))} | ${ms(percentile(r.revertMs, 95))} | ${r.verified === undefined ? 'by the poll' : r.verified ? 'yes' : 'NO'} |`,
    );
  }
  return lines;
}
