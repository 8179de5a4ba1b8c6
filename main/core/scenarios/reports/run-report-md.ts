import type { RunEvent, RunRecord } from '../run-journal';
import { durationOf, reportExtras, timelineRows } from './run-summary';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
// words, not emoji: a report is read where no colour-emoji font exists (a terminal, a plain PDF)
const mark = (ok?: boolean): string => (ok === undefined ? '' : ok ? 'pass' : '**FAIL**');

/** A run as Markdown: result, score explained, checks, and the whole timeline. */
export function runReportMarkdown(run: RunRecord, events: RunEvent[], title?: string): string {
  const score = events.find((e) => e.type === 'score')?.data as { explanation?: string[] } | undefined;
  const probes = events.filter((e) => e.type === 'probe');
  const x = reportExtras(events);
  const last = (v: [number, number][]): string => (v.length ? String(v[v.length - 1][1]) : '—');
  const span = (v: [number, number][]): string => (v.length ? `${Math.min(...v.map((p) => p[1]))} … ${Math.max(...v.map((p) => p[1]))}` : '—');
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
    '## Key series',
    '',
    ...(x.series.length
      ? ['| series | labels | range over the run | last |', '|---|---|---|---|', ...x.series.flatMap((k) => k.series.map((s) => `| ${cell(k.title)} \`${cell(k.expr)}\` | ${cell(Object.entries(s.labels).map(([a, b]) => `${a}=${b}`).join(', '))} | ${span(s.points)} | ${last(s.points)} |`))]
      : ['No PromQL series were recorded for this run.']),
    '',
    '## Notes',
    '',
    ...(x.notes.length ? x.notes.map((n) => `- ${n.at.slice(11, 19)}${n.role ? ` (${n.role})` : ''}: ${n.text}`) : ['None.']),
    '',
    '## Action items',
    '',
    ...(x.actionItems.length ? x.actionItems.map((i) => `- [ ] ${i}`) : ['None.']),
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
