import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { Dashboard } from '../../../api/schemas/dashboards';
import type { LabTemplate } from '../../labs/template-model';
import { TemplateInvalidError } from '../../labs/template/template-issues';
import { locate } from '../../labs/template/yaml-locate';
import { loadDashboard } from './dashboard-loader';
import { labOverview } from './lab-overview';

export { expandVariables, type VariableValues } from './expand-variables';

/** Dashboard names are file names in the dashboard folders: no separators, no dots. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;
const EXTENSIONS = ['.yaml', '.yml'];

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}

/** Where `x-labdeck.dashboards[index]` is written in the template, or 1:1 when it cannot be read. */
async function positionInTemplate(file: string, index: number): Promise<{ line: number; col: number }> {
  try {
    const lineCounter = new LineCounter();
    const doc = parseDocument(await readFile(file, 'utf8'), { lineCounter });
    return locate(doc, lineCounter, ['x-labdeck', 'dashboards', index]);
  } catch {
    return { line: 1, col: 1 };
  }
}

/**
 * Dashboards of a lab: the generated overview, then those its template names under
 * `x-labdeck.dashboards`, read from `<dir>/<name>.yaml` (the user folder wins over the built-in one).
 */
export class DashboardCatalog {
  constructor(private readonly dirs: { builtIn: string; user: string }) {}

  /** The file a named dashboard is read from, or undefined when neither folder has it. */
  async fileOf(name: string): Promise<string | undefined> {
    if (!NAME.test(name)) return undefined;
    for (const dir of [this.dirs.user, this.dirs.builtIn]) {
      for (const ext of EXTENSIONS) {
        const file = join(dir, name + ext);
        if (await isFile(file)) return file;
      }
    }
    return undefined;
  }

  /** One named dashboard, validated; undefined when no folder has it. */
  async find(name: string): Promise<Dashboard | undefined> {
    const file = await this.fileOf(name);
    return file ? loadDashboard(file, name) : undefined;
  }

  /**
   * [overview, ...named dashboards]. A named dashboard that is missing, or invalid, is a
   * TemplateInvalidError (TEMPLATE_INVALID) naming it.
   */
  async forTemplate(t: LabTemplate): Promise<Dashboard[]> {
    const named = await Promise.all(
      t.meta.dashboards.map(async (name, index) => {
        const found = await this.find(name);
        if (found) return found;
        const pos = await positionInTemplate(t.file, index);
        const message = `no dashboard named "${name}" (looked for ${name}.yaml in ${this.dirs.user} and ${this.dirs.builtIn})`;
        throw new TemplateInvalidError(t.file, [{ file: t.file, ...pos, path: `x-labdeck.dashboards[${index}]`, message }]);
      }),
    );
    return [labOverview(t), ...named];
  }
}
