import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { LabdeckError } from '../../api/errors';
import type { TemplateSummary } from '../../api/schemas/labs';
import { COMPOSE_FILE_NAMES, loadTemplate } from './template/load-template';

function composeIn(dir: string): string | undefined {
  return COMPOSE_FILE_NAMES.map((n) => join(dir, n)).find((f) => existsSync(f));
}

function labFolders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => statSync(d).isDirectory() && composeIn(d))
    .sort();
}

/** Templates: built-in ones in resources/labs, the user's in <data dir>/labs, or any compose file. */
export class TemplateCatalog {
  constructor(private readonly dirs: { builtIn: string; user: string }) {}

  async list(): Promise<TemplateSummary[]> {
    const entries = [
      ...labFolders(this.dirs.builtIn).map((d) => ({ file: composeIn(d)!, source: 'built-in' as const })),
      ...labFolders(this.dirs.user).map((d) => ({ file: composeIn(d)!, source: 'user' as const })),
    ];
    return Promise.all(entries.map((e) => this.summary(e.file, e.source)));
  }

  async summary(file: string, source: TemplateSummary['source']): Promise<TemplateSummary> {
    const name = basename(dirname(file));
    try {
      const t = await loadTemplate(file);
      return {
        name: source === 'file' ? t.name : name,
        file,
        source,
        title: t.meta.title,
        description: t.meta.description,
        tags: t.meta.tags,
        difficulty: t.meta.difficulty,
        services: t.services.map((s) => s.name),
        containers: t.services.reduce((n, s) => n + s.replicas, 1),
        estimatedMemoryBytes: t.meta.resources?.memoryBytes,
      };
    } catch (err) {
      return { name, file, source, title: name, description: '', tags: [], services: [], containers: 0, error: (err as Error).message };
    }
  }

  /** Shipped with Labdeck (trusted as shipped), however the file was named: by lab name or by path. */
  isBuiltIn(file: string): boolean {
    try {
      return realpathSync(file).startsWith(realpathSync(this.dirs.builtIn) + sep);
    } catch {
      return false;
    }
  }

  /** A template argument: a compose file, a folder holding one, or the name of a built-in or user lab. */
  resolve(arg: string): { file: string; source: TemplateSummary['source'] } {
    const path = resolve(arg);
    if (existsSync(path)) {
      const file = statSync(path).isDirectory() ? composeIn(path) : path;
      if (file) return { file, source: 'file' };
    }
    for (const [root, source] of [[this.dirs.builtIn, 'built-in'], [this.dirs.user, 'user']] as const) {
      const file = /^[\w.-]+$/.test(arg) ? composeIn(join(root, arg)) : undefined;
      if (file) return { file, source };
    }
    const names = [...labFolders(this.dirs.builtIn), ...labFolders(this.dirs.user)].map((d) => basename(d));
    throw new LabdeckError('TEMPLATE_NOT_FOUND', `no template or compose file "${arg}"`, {
      hint: names.length ? `Known labs: ${names.join(', ')}. Or give the path of a compose.yaml.` : 'Give the path of a compose.yaml.',
    });
  }
}
