import type { z } from 'zod';
import type { ScenarioSummary } from '../../../main/api/schemas/runs';

type Scenario = z.infer<typeof ScenarioSummary>;

const fold = (s: string): string => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/**
 * The scenarios a search keeps: every word typed must be found in the scenario's title, name, lab,
 * difficulty or one of its tags (case and accents ignored), so "redis easy" narrows as expected.
 */
export function filterScenarios<S extends Scenario>(scenarios: S[], query: string): S[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return scenarios;
  return scenarios.filter((s) => {
    const text = fold([s.title, s.name, s.lab, s.difficulty, ...(s.tags ?? [])].filter(Boolean).join(' '));
    return words.every((w) => text.includes(w));
  });
}
