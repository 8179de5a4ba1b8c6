import type { ServiceSpec } from './template-model';

/**
 * Services grouped into waves: every service starts after all it depends on, and each wave's
 * services start together. The loader has already refused cycles and unknown names.
 */
export function dependencyWaves(services: Pick<ServiceSpec, 'name' | 'dependsOn'>[]): string[][] {
  const level = new Map<string, number>();
  const byName = new Map(services.map((s) => [s.name, s]));
  const visit = (name: string, trail: string[]): number => {
    const known = level.get(name);
    if (known !== undefined) return known;
    if (trail.includes(name)) throw new Error(`dependency cycle: ${[...trail, name].join(' -> ')}`);
    const deps = byName.get(name)?.dependsOn ?? [];
    const l = deps.length ? Math.max(...deps.map((d) => visit(d.service, [...trail, name]))) + 1 : 0;
    level.set(name, l);
    return l;
  };
  services.forEach((s) => visit(s.name, []));
  const waves: string[][] = [];
  for (const s of services) (waves[level.get(s.name)!] ??= []).push(s.name);
  return waves.map((w) => w.sort());
}
