import type { PlanSummary } from '../../api/schemas/labs';

const TRUST_LINE: Record<PlanSummary['trust'], string> = {
  'built-in': 'built-in: trusted as shipped',
  'not-needed': 'nothing here needs trust',
  trusted: 'you trusted this content of the file',
  needed: 'up refuses these until you trust the file: labdeck up <file> --trust',
};
const LEVEL: Record<PlanSummary['risks'][number]['level'], string> = { refused: 'REFUSED', trust: 'TRUST  ', note: 'note   ' };

/** The risk section of `labdeck plan`: per service, refused first, each with what it lets the container do. */
export function risksText(p: PlanSummary): string[] {
  if (!p.risks.length) return ['risks: none'];
  const out = [`risks (${TRUST_LINE[p.trust]}):`];
  const order = { refused: 0, trust: 1, note: 2 } as const;
  for (const service of [...new Set(p.risks.map((r) => r.service))]) {
    out.push(`  ${service}:`);
    const mine = p.risks.filter((r) => r.service === service).sort((a, b) => order[a.level] - order[b.level]);
    for (const r of mine) out.push(`    ${LEVEL[r.level]}  ${r.setting}: ${r.message}${r.allow && r.kind !== 'replicas' ? ` (only with --allow-engine-access ${r.allow})` : ''}`);
  }
  return out;
}
