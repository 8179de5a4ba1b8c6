import Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { engineTlsError } from './engine-tls';
import { dockerodeOptions, type EndpointExtras } from './endpoint-url';

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

function withTimeout<T>(work: Promise<T>, ms: number, what: string, overTls = false): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LabdeckError('ENGINE_UNREACHABLE', `${what}: no answer within ${ms} ms`)), ms);
  });
  // a certificate that does not verify is its own error (ENGINE_TLS), not "the engine is down"
  const coded = work.catch((err: unknown) => {
    throw engineTlsError(err, what, overTls) ?? err;
  });
  return Promise.race([coded, timeout]).finally(() => clearTimeout(timer));
}

/**
 * An EngineClient over dockerode; `extrasFor` gives a registered engine's TLS files or ssh config; `timeoutMs` bounds every call. 15 s, not less: a busy Podman
 * answers /info in seconds (2 s measured at a load average of 39 on 2 cores, over 5 s at times),
 * and now that a chosen endpoint is tried alone, a short bound would call a slow engine gone. A
 * stopped engine still fails at once (no socket, connection refused).
 */
export function dockerodeConnector(timeoutMs = 15_000, extrasFor: (endpoint: string) => EndpointExtras = () => ({})): EngineConnector {
  return (endpoint) => {
    // No socket timeout on the handle itself: removing or stopping a container can take longer than
    // a ping should (Podman stops before it removes). Quick calls below are bounded one by one.
    const options = dockerodeOptions(endpoint, process.env, extrasFor(endpoint));
    const docker = new Docker(options);
    const tls = options.protocol === 'https';
    return {
      endpoint,
      docker,
      async ping() {
        await withTimeout(docker.ping(), timeoutMs, endpoint, tls);
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
