import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface DockerContextEndpoint {
  name: string;
  host: string;
  metaFile: string;
}

/** The Docker CLI's config folder: $DOCKER_CONFIG or ~/.docker. */
export function dockerConfigDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.DOCKER_CONFIG && env.DOCKER_CONFIG.length > 0 ? env.DOCKER_CONFIG : join(home, '.docker');
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The current docker context's engine endpoint, read the way the Docker CLI reads it:
 * $DOCKER_CONTEXT, else `currentContext` in config.json; its metadata lives in
 * contexts/meta/<sha256(name)>/meta.json under `Endpoints.docker.Host`.
 * Returns null for the `default` context (it means the default socket) or when nothing is set.
 */
export async function currentDockerContext(env: NodeJS.ProcessEnv, home: string): Promise<DockerContextEndpoint | null> {
  const dir = dockerConfigDir(env, home);
  let name = env.DOCKER_CONTEXT;
  if (!name) {
    const config = (await readJson(join(dir, 'config.json'))) as { currentContext?: unknown } | undefined;
    name = typeof config?.currentContext === 'string' ? config.currentContext : undefined;
  }
  if (!name || name === 'default') return null;
  const metaFile = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'), 'meta.json');
  const meta = (await readJson(metaFile)) as { Endpoints?: { docker?: { Host?: unknown } } } | undefined;
  const host = meta?.Endpoints?.docker?.Host;
  if (typeof host !== 'string' || host.length === 0) return null;
  return { name, host, metaFile };
}

export interface DockerContext {
  name: string;
  host: string;
  /** contexts/tls/<sha256(name)>/docker/{ca,cert,key}.pem, where the context stores them. */
  tls?: { ca?: string; cert?: string; key?: string };
}

/** Every docker context with a docker endpoint (`docker context ls`), read from contexts/meta/<id>/meta.json (small files, read at once). */
export function dockerContexts(env: NodeJS.ProcessEnv, home: string): DockerContext[] {
  const dir = dockerConfigDir(env, home);
  let ids: string[];
  try {
    ids = readdirSync(join(dir, 'contexts', 'meta'));
  } catch {
    return [];
  }
  const out: DockerContext[] = [];
  for (const id of ids) {
    let meta: { Name?: unknown; Endpoints?: { docker?: { Host?: unknown } } } | undefined;
    try {
      meta = JSON.parse(readFileSync(join(dir, 'contexts', 'meta', id, 'meta.json'), 'utf8')) as typeof meta;
    } catch {
      continue;
    }
    const host = meta?.Endpoints?.docker?.Host;
    if (typeof meta?.Name !== 'string' || typeof host !== 'string' || host.length === 0) continue;
    // the folder is the name's sha256: a meta.json copied under another folder is not that context
    if (createHash('sha256').update(meta.Name).digest('hex') !== id) continue;
    const tlsDir = join(dir, 'contexts', 'tls', id, 'docker');
    const tls: DockerContext['tls'] = {};
    for (const k of ['ca', 'cert', 'key'] as const) if (existsSync(join(tlsDir, `${k}.pem`))) tls[k] = join(tlsDir, `${k}.pem`);
    out.push({ name: meta.Name, host, ...(Object.keys(tls).length ? { tls } : {}) });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
