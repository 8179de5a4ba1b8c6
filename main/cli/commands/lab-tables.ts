import type { LabStatus, PlanSummary, TemplateSummary } from '../../api/schemas/labs';
import { bytes } from '../format';
import { risksText } from './plan-risks-text';

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

export function templatesText(list: TemplateSummary[]): string {
  if (!list.length) return 'No lab templates found.';
  return table(
    ['NAME', 'KIND', 'TITLE', 'CONTAINERS', 'MEMORY', 'TAGS'],
    list.map((t) => [t.name, t.kind ?? 'compose', t.error ? `(invalid: ${t.error.split('\n')[0]})` : t.title, String(t.containers), t.estimatedMemoryBytes ? bytes(t.estimatedMemoryBytes) : '', t.tags.join(',')]),
  );
}

export function planText(p: PlanSummary): string {
  const out = [`Lab ${p.labId} from ${p.template}`, `networks: ${p.networks.join(', ') || '-'}`, `volumes:  ${p.volumes.join(', ') || '-'}`, `images:   ${p.images.join(', ')}`, ''];
  p.waves.forEach((w, i) => {
    out.push(`wave ${i + 1}:`);
    for (const c of p.containers.filter((c) => w.includes(c.service))) out.push(`  ${c.name}  ${c.image}${c.files.length ? `  files: ${c.files.join(', ')}` : ''}`);
  });
  if (p.unsupported.length) out.push('', 'not supported (up will refuse):', ...p.unsupported.map((u) => `  ${u}`));
  if (p.warnings.length) out.push('', 'warnings:', ...p.warnings.map((w) => `  ${w}`));
  if (p.notes?.length) out.push('', 'notes:', ...p.notes.map((n) => `  ${n}`));
  out.push('', ...risksText(p));
  return out.join('\n');
}

export function statusText(s: LabStatus): string {
  const rows = s.services.map((c) => [
    c.container,
    c.state + (c.health ? `/${c.health}` : '') + (c.oomKilled ? ' OOM' : ''),
    c.ports.map((p) => `127.0.0.1:${p.host}->${p.container}/${p.protocol}`).join(' '),
    String(c.restarts),
    c.cpuPercent !== undefined ? `${c.cpuPercent.toFixed(1)}%` : '',
    c.memoryBytes !== undefined ? bytes(c.memoryBytes) : '',
  ]);
  const head = `Lab ${s.labId}: ${s.state}${s.prometheusUrl ? `   Prometheus ${s.prometheusUrl}` : ''}${s.stoppedReason ? `\n  Why: ${s.stoppedReason}` : ''}`;
  return `${head}\n${table(['CONTAINER', 'STATE', 'PORTS', 'RESTARTS', 'CPU', 'MEMORY'], rows)}`;
}
