import type { BuiltImage, ContainerUsage, LabStatus, PlanSummary, TemplateSummary } from '../../api/schemas/labs';
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
  const out = [`Lab ${p.labId} from ${p.template}`, `networks: ${p.networks.join(', ') || '-'}`, `volumes:  ${p.volumes.join(', ') || '-'}`, `images:   ${p.images.join(', ')}`];
  for (const b of p.builds) out.push(`build ${b.context}${b.dockerfile === 'Dockerfile' ? '' : ` (${b.dockerfile})`} → ${b.tag}   for ${b.service}`);
  out.push('');
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

/** The status table; with `usage` (labs.stats, `status --stats`) two more columns, CPU and MEMORY. */
export function statusText(s: LabStatus, usage?: ContainerUsage[]): string {
  const byName = new Map(usage?.map((u) => [u.container, u]));
  const rows = s.services.map((c) => {
    const u = byName.get(c.container);
    const row = [
      c.container,
      c.state + (c.health ? `/${c.health}` : '') + (c.oomKilled ? ' OOM' : ''),
      c.ports.map((p) => `127.0.0.1:${p.host}->${p.container}/${p.protocol}`).join(' '),
      String(c.restarts),
    ];
    return usage ? [...row, u?.cpuPercent !== undefined ? `${u.cpuPercent.toFixed(1)}%` : '', u?.memoryBytes !== undefined ? bytes(u.memoryBytes) : ''] : row;
  });
  const head = `Lab ${s.labId}: ${s.state}${s.prometheusUrl ? `   Prometheus ${s.prometheusUrl}` : ''}${s.stoppedReason ? `\n  Why: ${s.stoppedReason}` : ''}`;
  const images = s.images?.length ? `\n\n${imagesText(s.images)}` : '';
  return `${head}\n${table(['CONTAINER', 'STATE', 'PORTS', 'RESTARTS', ...(usage ? ['CPU', 'MEMORY'] : [])], rows)}${images}`;
}

/** Images Labdeck built for labs: kept by `down`, removed by `down --rmi local`. */
export function imagesText(images: BuiltImage[]): string {
  const rows = images.map((i) => [i.tags[0] ?? i.id.slice(0, 19), i.labId, i.service, bytes(i.sizeBytes), i.generated ? 'down --rmi local' : 'down --rmi all']);
  return `Built images (kept by down):\n${table(['IMAGE', 'LAB', 'SERVICE', 'SIZE', 'REMOVED BY'], rows)}`;
}
