/** Where the time goes: Labdeck's progress phases, and the bounds healthcheck intervals impose. */
import type { LabPlan, PlannedContainer } from '../../main/core/labs/lab-plan';
import type { LabdeckSample } from './labdeck-way';

/** Labdeck's time split by its progress steps: start-up, checks, create, each wave's start and gate, final health wait, exit. */
export function phasesOf(sample: LabdeckSample): [string, number][] {
  const s = sample.steps;
  const first = (step: string, from = 0): number | undefined => s.slice(from).find((x) => x.step === step)?.at;
  const out: [string, number][] = [];
  const images = first('images');
  const networks = first('networks');
  const starts = s.filter((x) => x.step === 'start');
  const waitAll = s.find((x) => x.step === 'health' && x.message.startsWith('waiting'));
  const lastHealth = s.filter((x) => x.step === 'health').at(-1)?.at;
  if (images === undefined || networks === undefined || !starts.length || !waitAll || lastHealth === undefined) return [];
  out.push(['CLI start-up (node + tsx, open store, engine, reconcile, load template)', images]);
  out.push(['images present, ports free, no such lab', networks - images]);
  out.push(['networks, volumes, create containers, copy config files', starts[0].at - networks]);
  starts.forEach((w, k) => {
    const end = starts[k + 1]?.at ?? waitAll.at;
    const label = w.message.replace(/^wave (\d+)\/(\d+): /, 'wave $1/$2 start + gate: ');
    out.push([label, end - w.at]);
  });
  out.push(['remaining health wait (last wave)', lastHealth - waitAll.at]);
  out.push(['status table + exit', sample.seconds - lastHealth]);
  return out;
}

/**
 * What the healthcheck intervals alone impose: Docker runs a container's first probe one interval
 * after it starts (Docker < 25 has no start_interval), so a gated wave costs at least its slowest interval.
 */
export function intervalBounds(plan: LabPlan): { ordered: number; parallel: number; path: string[] } {
  const interval = (c: PlannedContainer): number => (c.healthcheck ? (c.create.Healthcheck?.Interval ?? 30e9) / 1e9 : 0);
  let t = 0;
  let finish = 0;
  const path: string[] = [];
  for (const wave of plan.waves) {
    const members = plan.containers.filter((c) => wave.includes(c.service));
    for (const c of members) finish = Math.max(finish, t + interval(c));
    const gated = members.filter((c) => plan.gates[c.service] === 'service_healthy');
    const gate = Math.max(0, ...gated.map(interval));
    if (gate) path.push(`${[...new Set(gated.map((c) => c.service))].join('+')} ${gate}s`);
    t += gate;
  }
  const slowest = Math.max(0, ...plan.containers.map(interval));
  path.push(`then ${slowest}s`);
  return { ordered: Math.max(finish, t), parallel: slowest, path };
}
