import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { TemplateSummary } from '../../api/schemas/labs';
import { parseSize } from '../labs/template/compose-values';
import { CLUSTER_FILE, loadClusterTemplate } from './cluster-template';

function folders(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .map((d) => join(root, d))
    .filter((d) => statSync(d).isDirectory() && existsSync(join(d, CLUSTER_FILE)))
    .sort();
}

/** Cluster templates: built-in ones in resources/clusters/<name>/cluster.yaml, the user's in <data dir>/clusters/<name>/. */
export class ClusterCatalog {
  constructor(private readonly dirs: { builtIn: string; user: string }) {}

  async list(): Promise<TemplateSummary[]> {
    const entries = [...folders(this.dirs.builtIn).map((d) => ({ d, source: 'built-in' as const })), ...folders(this.dirs.user).map((d) => ({ d, source: 'user' as const }))];
    return Promise.all(entries.map((e) => this.summary(join(e.d, CLUSTER_FILE), e.source)));
  }

  async summary(file: string, source: TemplateSummary['source']): Promise<TemplateSummary> {
    const name = basename(resolve(file, '..'));
    try {
      const t = await loadClusterTemplate(file);
      const servers = typeof t.k3d.servers === 'number' ? t.k3d.servers : 1;
      const agents = typeof t.k3d.agents === 'number' ? t.k3d.agents : 0;
      const memory = t.meta.resources?.memory;
      return {
        name,
        file,
        source,
        kind: 'cluster',
        title: t.meta.title,
        description: t.meta.description,
        tags: t.meta.tags,
        difficulty: t.meta.difficulty,
        services: agents ? ['server', 'agent', 'loadbalancer'] : ['server', 'loadbalancer'],
        containers: servers + agents + 1,
        estimatedMemoryBytes: memory !== undefined ? parseSize(memory) : undefined,
      };
    } catch (err) {
      return { name, file, source, kind: 'cluster', title: name, description: '', tags: [], services: [], containers: 0, error: (err as Error).message };
    }
  }

  /** The cluster.yaml a template argument names (a built-in or user name, a folder, or the file), or undefined when it is no cluster template. */
  resolve(arg: string): string | undefined {
    const path = resolve(arg);
    if (existsSync(path)) {
      if (statSync(path).isDirectory()) return existsSync(join(path, CLUSTER_FILE)) ? join(path, CLUSTER_FILE) : undefined;
      return basename(path) === CLUSTER_FILE ? path : undefined;
    }
    if (!/^[\w.-]+$/.test(arg)) return undefined;
    for (const root of [this.dirs.builtIn, this.dirs.user]) if (existsSync(join(root, arg, CLUSTER_FILE))) return join(root, arg, CLUSTER_FILE);
    return undefined;
  }
}
