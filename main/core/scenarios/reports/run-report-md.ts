import type { RunEvent, RunRecord } from '../run-journal';
import { durationOf, timelineRows } from './run-summary';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const mark = (ok?: boolean): string => (ok === undefined ? '' : ok ? '✅' : '❌');

/** A run as Markdown: result, score explained, checks, and the whole timeline. */
export function runReportMarkdown(run: RunRecord, events: RunEvent[], title?: string): string {
  const score = events.find((e) => e.type === 'score')?.data as { explanation?: string[] } | undefined;
  const probes = events.filter((e) => e.type === 'probe');
  const lines = [
    `# ${title ?? run.scenario}: ${run.state}`,
    '',
    `- Scenario: \`${run.scenario}\`, lab \`${run.labId}\`, ${run.mode}`,
    `- Run: \`${run.id}\`, started ${run.startedAt}, ${durationOf(run)}`,
    `- Score: ${run.score ?? '—'}`,
    ...(score?.explanation ?? []).map((x) => `  - ${x}`),
    '',
    '## Checks',
    '',
    '| | phase | check | result |',
    '|---|---|---|---|',
    ...probes.map((p) => `| ${mark(p.data.ok === true)} | ${cell(String(p.data.phase))} | ${cell(String(p.data.name))} | ${cell(String(p.data.message))} |`),
    '',
    '## Timeline',
    '',
    '| t | | event | detail |',
    '|---:|---|---|---|',
    ...timelineRows(events).map((r) => `| ${r.elapsed} | ${mark(r.ok)} | ${cell(r.what)} | ${cell(r.detail)} |`),
    '',
  ];
  return lines.join('\n');
}
