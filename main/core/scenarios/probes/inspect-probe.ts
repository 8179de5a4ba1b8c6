import type Docker from 'dockerode';
import type { Probe } from '../../../api/schemas/scenarios';
import { COMPOSE_NUMBER, labFilter, LAB_LABEL, SERVICE_LABEL } from '../../labs/lab-labels';
import { fail, pass, type ProbeContext, type ProbeOutcome } from './probe-context';
import { containerName, resolveTarget } from './probe-target';

type InspectProbe = Extract<Probe, { type: 'inspect' }>;

/** The value at a dotted path; numeric segments index lists. */
export function valueAt(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

function holds(value: unknown, item: string | number | boolean): boolean {
  if (typeof value === 'string') return value.includes(String(item));
  if (Array.isArray(value)) return value.some((v) => same(v, item) || (typeof v === 'string' && typeof item === 'string' && v.includes(item)));
  return false;
}

/** Whether one value meets the probe's one operator, and the words for what was wanted. */
export function meets(p: InspectProbe, value: unknown): { ok: boolean; want: string } {
  const present = value !== undefined && value !== null;
  if (p.exists !== undefined) return { ok: present === p.exists, want: p.exists ? 'set' : 'not set' };
  if (p.equals !== undefined) return { ok: same(value, p.equals), want: JSON.stringify(p.equals) };
  if (p.notEquals !== undefined) return { ok: !same(value, p.notEquals), want: `not ${JSON.stringify(p.notEquals)}` };
  if (p.contains !== undefined) return { ok: holds(value, p.contains), want: `containing ${JSON.stringify(p.contains)}` };
  if (p.notContains !== undefined) return { ok: !holds(value, p.notContains), want: `not containing ${JSON.stringify(p.notContains)}` };
  return { ok: typeof value === 'number' && value > p.greaterThan!, want: `> ${p.greaterThan}` };
}

async function containersOf(ctx: ProbeContext, p: InspectProbe): Promise<Docker.ContainerInfo[]> {
  if (p.target.replica !== undefined) return [await resolveTarget(ctx.docker, ctx.labId, p.target)];
  const all = await ctx.docker.listContainers({ all: true, filters: { label: [...labFilter(ctx.labId).label, `${SERVICE_LABEL}=${p.target.service}`] } });
  const mine = all.filter((c) => c.Labels[LAB_LABEL] === ctx.labId).sort((a, b) => Number(a.Labels[COMPOSE_NUMBER] ?? 1) - Number(b.Labels[COMPOSE_NUMBER] ?? 1));
  return mine.length ? mine : [await resolveTarget(ctx.docker, ctx.labId, p.target)];
}

/** Every container of the service (or the named replica) must meet the operator; the first that does not is named. */
export async function inspectProbe(p: InspectProbe, ctx: ProbeContext): Promise<ProbeOutcome> {
  const seen: unknown[] = [];
  for (const c of await containersOf(ctx, p)) {
    const value = valueAt(await ctx.docker.getContainer(c.Id).inspect(), p.path);
    const r = meets(p, value);
    if (!r.ok) return fail(`${containerName(c)}: ${p.path} is ${JSON.stringify(value) ?? 'not set'}, want ${r.want}`, value);
    seen.push(value);
  }
  return pass(`${p.target.service}: ${p.path} is ${JSON.stringify(seen[0]) ?? 'not set'}${seen.length > 1 ? ` on all ${seen.length} containers` : ''}`, seen[0]);
}
