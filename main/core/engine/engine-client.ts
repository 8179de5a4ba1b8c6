import Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { dockerodeOptions } from './endpoint-url';

export interface EngineVersion {
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
  kernelVersion?: string;
  components: string[];
}

export interface EngineSystemInfo {
  cpus: number;
  memoryBytes: number;
  containersRunning: number;
  containersTotal: number;
  images: number;
  operatingSystem?: string;
  name?: string;
}

/** The engine as the rest of core sees it; built by an EngineConnector, never imported as a global. */
export interface EngineClient {
  readonly endpoint: string;
  ping(): Promise<void>;
  version(): Promise<EngineVersion>;
  info(): Promise<EngineSystemInfo>;
  /** The dockerode handle, for the parts of core that drive containers. */
  readonly docker: Docker;
}

export type EngineConnector = (endpoint: string) => EngineClient;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LabdeckError('ENGINE_UNREACHABLE', `${what}: no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * An EngineClient over dockerode; `timeoutMs` bounds every call. 15 s, not less: a busy Podman
 * answers /info in seconds (2 s measured at a load average of 39 on 2 cores, over 5 s at times),
 * and now that a chosen endpoint is tried alone, a short bound would call a slow engine gone. A
 * stopped engine still fails at once (no socket, connection refused).
 */
export function dockerodeConnector(timeoutMs = 15_000): EngineConnector {
  return (endpoint) => {
    // No socket timeout on the handle itself: removing or stopping a container can take longer than
    // a ping should (Podman stops before it removes). Quick calls below are bounded one by one.
    const docker = new Docker(dockerodeOptions(endpoint));
    return {
      endpoint,
      docker,
      async ping() {
        await withTimeout(docker.ping(), timeoutMs, endpoint);
      },
      async version() {
        const v = await withTimeout(docker.version(), timeoutMs, endpoint);
        return {
          version: v.Version,
          apiVersion: v.ApiVersion,
          os: v.Os,
          arch: v.Arch,
          kernelVersion: v.KernelVersion,
          components: (v.Components ?? []).map((c) => c.Name),
        };
      },
      async info() {
        const i = await withTimeout(docker.info() as Promise<Record<string, unknown>>, timeoutMs, endpoint);
        const num = (k: string): number => (typeof i[k] === 'number' ? (i[k] as number) : 0);
        return {
          cpus: num('NCPU'),
          memoryBytes: num('MemTotal'),
          containersRunning: num('ContainersRunning'),
          containersTotal: num('Containers'),
          images: num('Images'),
          operatingSystem: typeof i.OperatingSystem === 'string' ? i.OperatingSystem : undefined,
          name: typeof i.Name === 'string' ? i.Name : undefined,
        };
      },
    };
  };
}
