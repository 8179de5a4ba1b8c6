import type { RunEvent, RunRecord } from '../run-journal';
import { durationOf, reportExtras, timelineRows } from './run-summary';
import { seriesSvg } from './series-svg';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const mark = (ok?: boolean): string => (ok === undefined ? '' : ok ? '<span class="ok">passed</span>' : '<span class="bad">failed</span>');

/** A run as one self-contained HTML file (inline CSS, no script, nothing fetched). */
export function runReportHtml(run: RunRecord, events: RunEvent[], title?: string): string {
  const score = events.find((e) => e.type === 'score')?.data as { explanation?: string[] } | undefined;
  const x = reportExtras(events);
  const charts = x.series.map((k) => seriesSvg(k, x.marks)).join('\n');
  const list = (items: string[]): string => (items.length ? `<ul>${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>` : '<p class="muted">None.</p>');
  const rows = timelineRows(events)
    .map((r) => `<tr><td class="num">${esc(r.elapsed)}</td><td>${mark(r.ok)}</td><td>${esc(r.what)}</td><td>${esc(r.detail)}</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title ?? run.scenario)}: ${esc(run.state)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;padding:0 1em;color:#1c2024}
h1 .state{font-size:.7em;padding:.1em .5em;border-radius:1em;background:${run.state === 'passed' ? '#d3f9d8' : '#ffe3e3'}}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top}
figure{margin:1em 0}figcaption{font-weight:600;margin-bottom:.3em}.muted{color:#868e96}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.ok{color:#2b8a3e}.bad{color:#c92a2a}
</style></head><body>
<h1>${esc(title ?? run.scenario)} <span class="state">${esc(run.state)}</span></h1>
<p>Scenario <code>${esc(run.scenario)}</code> on lab <code>${esc(run.labId)}</code> (${esc(run.mode)}); run <code>${esc(run.id)}</code>, started ${esc(run.startedAt)}, ${esc(durationOf(run))}.</p>
<h2>Score: ${esc(String(run.score ?? '—'))}</h2>
<ul>${(score?.explanation ?? []).map((x) => `<li>${esc(x)}</li>`).join('')}</ul>
<h2>Key series</h2>
${charts || '<p class="muted">No PromQL series were recorded for this run.</p>'}
<h2>Notes</h2>
${list(x.notes.map((n) => `${n.at.slice(11, 19)}${n.role ? ` (${n.role})` : ''}: ${n.text}`))}
<h2>Action items</h2>
${list(x.actionItems)}
<h2>Timeline</h2>
<table><thead><tr><th class="num">t</th><th></th><th>event</th><th>detail</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
