import { createHash } from 'node:crypto';
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
