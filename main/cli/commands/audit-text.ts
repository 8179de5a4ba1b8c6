import type { AuditReport } from '../../api/schemas/audit';

const indent = (text: string, by: string): string => text.split('\n').map((l) => `${by}${l}`).join('\n');

/** The report as a person reads it: each finding with why and the Compose change, excepted ones after with their reason. */
export function auditText(r: AuditReport): string {
  const what = r.source === 'lab' ? `lab ${r.subject} (running containers)` : `template ${r.subject}`;
  const out = [`Audit of ${what}: ${r.services.length} services`];
  const open = r.findings.filter((f) => !f.exception);
  for (const f of open) {
    out.push('', `${f.severity.toUpperCase().padEnd(6)} ${f.service}: ${f.check} (${f.setting}): ${f.found}`, indent(f.why, '       '), '       fix:', indent(f.fix, '         '));
  }
  const excepted = r.findings.filter((f) => f.exception);
  if (excepted.length) {
    out.push('', 'Excepted by the template:');
    for (const f of excepted) out.push(`  ${f.service}: ${f.check}: ${f.found} (${f.exception})`);
  }
  for (const e of r.unusedExceptions) out.push('', `Stale exception: ${e.service}: ${e.check} matches no finding; remove it from x-labdeck.audit.exceptions`);
  const c = r.counts;
  out.push('', open.length ? `${c.high} high, ${c.medium} medium, ${c.low} low${c.excepted ? `, ${c.excepted} excepted` : ''}` : `No open findings${c.excepted ? ` (${c.excepted} excepted)` : ''}.`);
  return out.join('\n');
}
