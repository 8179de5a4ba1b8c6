import { join } from 'node:path';
import type { EndpointCandidate } from '../../api/schemas/engine';
import { currentDockerContext } from './docker-context';

export interface DiscoveryEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  platform: NodeJS.Platform;
  uid: number | null;
}

export function hostDiscoveryEnv(): DiscoveryEnv {
  return {
    env: process.env,
    home: process.env.HOME ?? process.env.USERPROFILE ?? '',
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
  };
}

const unix = (path: string): string => `unix://${path}`;

/**
 * Every place an engine may answer, in the order Labdeck tries them: DOCKER_HOST, the current
 * docker context, /var/run/docker.sock, Podman rootful then rootless, Colima, Rancher Desktop,
 * OrbStack, and on Windows the named pipes. Duplicates keep their first place.
 */
export async function discoverEndpoints(d: DiscoveryEnv): Promise<EndpointCandidate[]> {
  const out: EndpointCandidate[] = [];
  const add = (c: EndpointCandidate): void => {
    if (!out.some((o) => o.endpoint === c.endpoint)) out.push(c);
  };

  const dockerHost = d.env.DOCKER_HOST?.trim();
  if (dockerHost) add({ source: 'DOCKER_HOST', endpoint: dockerHost, detail: 'environment variable DOCKER_HOST' });

  const context = await currentDockerContext(d.env, d.home);
  if (context) add({ source: 'docker-context', endpoint: context.host, detail: `docker context "${context.name}"` });

  if (d.platform === 'win32') {
    add({ source: 'windows-pipe', endpoint: 'npipe:////./pipe/docker_engine', detail: 'Docker Desktop named pipe' });
    add({ source: 'windows-pipe', endpoint: 'npipe:////./pipe/podman-machine-default', detail: 'Podman machine named pipe' });
    return out;
  }

  add({ source: 'docker-default', endpoint: unix('/var/run/docker.sock'), detail: 'Docker default socket' });
  add({ source: 'podman-rootful', endpoint: unix('/run/podman/podman.sock'), detail: 'Podman rootful socket' });
  const runtimeDir = d.env.XDG_RUNTIME_DIR || (d.uid !== null ? `/run/user/${d.uid}` : '');
  if (runtimeDir) add({ source: 'podman-rootless', endpoint: unix(join(runtimeDir, 'podman', 'podman.sock')), detail: 'Podman rootless socket' });
  if (d.home) {
    add({ source: 'colima', endpoint: unix(join(d.home, '.colima', 'default', 'docker.sock')), detail: 'Colima' });
    add({ source: 'colima', endpoint: unix(join(d.home, '.colima', 'docker.sock')), detail: 'Colima (older layout)' });
    add({ source: 'rancher-desktop', endpoint: unix(join(d.home, '.rd', 'docker.sock')), detail: 'Rancher Desktop' });
    add({ source: 'orbstack', endpoint: unix(join(d.home, '.orbstack', 'run', 'docker.sock')), detail: 'OrbStack' });
  }
  return out;
}
