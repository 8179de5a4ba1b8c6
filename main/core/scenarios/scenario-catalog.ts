import { existsSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { LabdeckError } from '../../api/errors';
import type { Scenario } from '../../api/schemas/scenarios';
import { loadScenario } from './scenario-loader';
import type { LabShapes } from './scenario-targets';

export interface ScenarioSummary {
  name: string;
  file: string;
  source: 'built-in' | 'user' | 'file';
  title?: string;
  lab?: string;
  difficulty?: string;
  duration?: string;
  tags?: string[];
  /** Set when the file does not load: the error with file:line:col. */
  error?: string;
}

const yamlFiles = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(dir, f))
    : [];

const nameOf = (file: string): string => basename(file).replace(/\.ya?ml$/, '');

/**
 * Scenarios: built-in ones in resources/scenarios, the user's in <data dir>/scenarios (which win), or any file.
 * With `shapes` (what each lab has), every target is checked against its lab when a scenario loads.
 */
export class ScenarioCatalog {
  constructor(
    private readonly dirs: { builtIn: string; user: string },
    private readonly shapes?: () => LabShapes,
  ) {}

  async list(): Promise<ScenarioSummary[]> {
    const byName = new Map<string, { file: string; source: 'built-in' | 'user' }>();
    for (const file of yamlFiles(this.dirs.builtIn)) byName.set(nameOf(file), { file, source: 'built-in' });
    for (const file of yamlFiles(this.dirs.user)) byName.set(nameOf(file), { file, source: 'user' });
    const shapes = this.shapes?.();
    return Promise.all(
      [...byName.entries()].map(async ([name, e]) => {
        try {
          const s = await loadScenario(e.file, name, shapes);
          return { name, ...e, title: s.metadata.title, lab: s.metadata.lab, difficulty: s.metadata.difficulty, duration: s.metadata.duration, tags: s.metadata.tags };
        } catch (err) {
          return { name, ...e, error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
  }

  /** A scenario by name (user's first, then built-in) or by a path to its file. */
  async load(ref: string): Promise<{ scenario: Scenario; file: string }> {
    if (/\.ya?ml$/.test(ref) || ref.includes('/')) {
      const file = resolve(ref);
      if (!existsSync(file)) throw new LabdeckError('SCENARIO_NOT_FOUND', `no scenario file ${file}`);
      return { scenario: await loadScenario(file, undefined, this.shapes?.()), file };
    }
    for (const dir of [this.dirs.user, this.dirs.builtIn]) {
      const file = yamlFiles(dir).find((f) => nameOf(f) === ref);
      if (file) return { scenario: await loadScenario(file, ref, this.shapes?.()), file };
    }
    const known = (await this.list()).map((s) => s.name);
    throw new LabdeckError('SCENARIO_NOT_FOUND', `no scenario named ${ref}`, { hint: known.length ? `Known: ${known.join(', ')}.` : 'Put scenario files in <data dir>/scenarios.' });
  }
}
