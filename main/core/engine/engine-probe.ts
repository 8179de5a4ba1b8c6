import { access } from 'node:fs/promises';
import type { EndpointCandidate, EngineInfo, ProbeAttempt } from '../../api/schemas/engine';
import type { EngineClient, EngineConnector } from './engine-client';
import { unixSocketPath } from './endpoint-url';

export interface ProbeOutcome {
  info?: EngineInfo;
  client?: EngineClient;
  looked: ProbeAttempt[];
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function message(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EACCES') return `permission denied (${e.message}); add your user to the docker group or use the rootless socket`;
  if (e?.code === 'ECONNREFUSED') return 'connection refused: the socket exists but no engine is listening';
  // a coded error's way out (how to accept a host key, which certificate to give) is kept
  const hint = (err as { hint?: unknown })?.hint;
  return e instanceof Error ? `${e.message}${typeof hint === 'string' ? `\n      ${hint}` : ''}` : String(err);
}

/** Reads version and info from a client that answered, into the contract's EngineInfo. */
export async function describeEngine(client: EngineClient, candidate: EndpointCandidate): Promise<EngineInfo> {
  const [version, info] = await Promise.all([client.version(), client.info()]);
  const podman = version.components.some((c) => /podman/i.test(c));
  return {
    kind: podman ? 'podman' : 'docker',
    endpoint: candidate.endpoint,
    source: candidate.source,
    version: version.version,
    apiVersion: version.apiVersion,
    os: version.os,
    arch: version.arch,
    kernelVersion: version.kernelVersion,
    operatingSystem: info.operatingSystem,
    cpus: info.cpus,
    memoryBytes: info.memoryBytes,
    containersRunning: info.containersRunning,
    containersTotal: info.containersTotal,
    images: info.images,
  };
}

/**
 * Tries candidates in order and stops at the first engine that answers a ping. A unix socket
 * that is not there is `absent` without a connection attempt; one that refuses is `unreachable`.
 */
export async function probeEngines(candidates: EndpointCandidate[], connect: EngineConnector): Promise<ProbeOutcome> {
  const looked: ProbeAttempt[] = [];
  for (const candidate of candidates) {
    const socket = unixSocketPath(candidate.endpoint);
    if (socket !== null && !(await exists(socket))) {
      looked.push({ ...candidate, result: 'absent' });
      continue;
    }
    let client: EngineClient;
    try {
      client = connect(candidate.endpoint);
      await client.ping();
    } catch (err) {
      looked.push({ ...candidate, result: 'unreachable', error: message(err) });
      continue;
    }
    try {
      const info = await describeEngine(client, candidate);
      looked.push({ ...candidate, result: 'ok' });
      return { info, client, looked };
    } catch (err) {
      looked.push({ ...candidate, result: 'unreachable', error: message(err) });
    }
  }
  return { looked };
}

/** What to tell a user whose machine has no engine answering. */
export function noEngineHint(platform: NodeJS.Platform): string {
  if (platform === 'win32' || platform === 'darwin') {
    return 'Start Docker Desktop, Podman Desktop (podman machine start), Colima (colima start), Rancher Desktop or OrbStack, or set DOCKER_HOST; then press Retry.';
  }
  return 'Start Docker (sudo systemctl start docker) or Podman (systemctl --user start podman.socket, or podman system service --time=0), or set DOCKER_HOST or pick an endpoint in Settings; then press Retry.';
}
