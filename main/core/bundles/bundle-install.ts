import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BundleManifest } from './bundle-manifest';

export interface InstallItem {
  kind: 'lab' | 'scenario' | 'dashboard';
  name: string;
  /** installed: new; replaced: an existing one was overwritten (--replace); kept: one exists, left as it was. */
  outcome: 'installed' | 'replaced' | 'kept';
  note?: string;
}

/** Top-level targets in the data dir: labs/<name>/ folders, scenario and dashboard files. */
function targets(m: BundleManifest): { kind: InstallItem['kind']; name: string; rel: string }[] {
  const fileOf = (prefix: string, name: string): string | undefined => m.entries.find((e) => new RegExp(`^${prefix}/${name}\\.ya?ml$`).test(e.path))?.path;
  return [
    ...m.contents.labs.map((name) => ({ kind: 'lab' as const, name, rel: `labs/${name}` })),
    ...m.contents.scenarios.map((name) => ({ kind: 'scenario' as const, name, rel: fileOf('scenarios', name) ?? `scenarios/${name}.yaml` })),
    ...m.contents.dashboards.map((name) => ({ kind: 'dashboard' as const, name, rel: fileOf('dashboards', name) ?? `dashboards/${name}.yaml` })),
  ];
}

/** What installing would do, without doing it. `builtIn` says whether this Labdeck ships a lab of that name. */
export function planInstall(m: BundleManifest, dataDir: string, replace: boolean, builtIn: (kind: InstallItem['kind'], name: string) => boolean): (InstallItem & { rel: string })[] {
  return targets(m).map((t) => {
    if (existsSync(join(dataDir, t.rel))) return { ...t, outcome: replace ? 'replaced' : 'kept', note: replace ? undefined : 'exists; pass --replace to overwrite' };
    if (t.kind !== 'dashboard' && builtIn(t.kind, t.name)) return { ...t, outcome: 'kept', note: 'built into this Labdeck (the bundled copy is not installed)' };
    return { ...t, outcome: 'installed' };
  });
}

/**
 * Installs verified files: everything is written into a staging folder in the data dir first (same
 * disk, so the moves are renames), then each target is moved into place; a replaced one is moved
 * aside first and deleted last. A failure while writing leaves the data dir as it was.
 */
export async function installFiles(dataDir: string, plan: (InstallItem & { rel: string })[], files: Map<string, Buffer>): Promise<void> {
  const todo = plan.filter((p) => p.outcome !== 'kept');
  if (todo.length === 0) return;
  await mkdir(dataDir, { recursive: true });
  const staging = await mkdtemp(join(dataDir, '.bundle-staging-'));
  try {
    for (const [path, data] of files) {
      if (!todo.some((t) => path === t.rel || path.startsWith(`${t.rel}/`))) continue;
      await mkdir(dirname(join(staging, 'new', path)), { recursive: true });
      await writeFile(join(staging, 'new', path), data, { flag: 'wx' });
    }
    for (const t of todo) {
      const dest = join(dataDir, t.rel);
      await mkdir(dirname(dest), { recursive: true });
      if (t.outcome === 'replaced' && existsSync(dest)) {
        await mkdir(dirname(join(staging, 'old', t.rel)), { recursive: true });
        await rename(dest, join(staging, 'old', t.rel));
      }
      await rename(join(staging, 'new', t.rel), dest);
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
