import type { NormalisedService } from './normalise-service';
import type { TemplateContext } from './template-context';

/**
 * The services that run with the enabled profiles (Compose: a service without `profiles:` always runs,
 * one with profiles only when one of them is enabled). A running service that depends on one left out is
 * an error naming the profile to enable.
 */
export function servicesForProfiles(services: NormalisedService[], enabled: string[], ctx: TemplateContext): NormalisedService[] {
  const on = new Set(enabled);
  const runs = (s: NormalisedService) => !s.spec.profiles || on.has('*') || s.spec.profiles.some((p) => on.has(p));
  const left = new Map(services.filter((s) => !runs(s)).map((s) => [s.spec.name, s.spec.profiles ?? []]));
  const kept = services.filter(runs);
  for (const s of kept) {
    s.spec.dependsOn.forEach((dep, i) => {
      const profiles = left.get(dep.service);
      if (!profiles) return;
      ctx.sink.error(s.origins.dependsOn[i], `${s.spec.name} depends on ${dep.service}, which runs only with the profile ${profiles.join(' or ')}`, {
        key: true,
        hint: `Enable it: --profile ${profiles[0]} (or the console's profiles field)`,
      });
    });
  }
  return kept;
}
