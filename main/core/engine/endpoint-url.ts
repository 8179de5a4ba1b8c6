import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';
import { tlsMaterial, type TlsFiles } from './engine-tls';
import { SshDialAgent } from './ssh-dial-agent';
import { sshTarget } from './ssh-target';

/** What a registered engine adds to its URL: TLS files for tcp://, an ssh config file for ssh://. */
export interface EndpointExtras {
  tls?: TlsFiles;
  /** Where ~/.docker is looked for (DOCKER_TLS_VERIFY without DOCKER_CERT_PATH); default $HOME. */
  home?: string;
  sshConfig?: string;
  /** The ssh program (tests point it elsewhere; default `ssh` on the PATH). */
  sshPath?: string;
}

/** dockerode connection options for an endpoint URL (unix, npipe, tcp with optional TLS, ssh). */
export function dockerodeOptions(endpoint: string, env: NodeJS.ProcessEnv = process.env, extras: EndpointExtras = {}): Docker.DockerOptions {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new LabdeckError('BAD_REQUEST', `not an engine endpoint: ${endpoint}`, {
      hint: 'Use unix:///path/to.sock, tcp://host:port, ssh://user@host or npipe:////./pipe/name.',
    });
  }
  switch (url.protocol) {
    case 'unix:':
      return { socketPath: decodeURIComponent(url.pathname) };
    case 'npipe:':
      return { socketPath: endpoint.slice('npipe://'.length).replace(/\//g, '\\') };
    case 'ssh:':
      // The system ssh (the user's config, agent and known_hosts), not docker-modem's built-in ssh2:
      // the engine's socket is `docker system dial-stdio` on the far side, as DOCKER_HOST=ssh:// does.
      return {
        protocol: 'http',
        host: 'docker',
        port: 80,
        agent: new SshDialAgent(sshTarget(endpoint), { configFile: extras.sshConfig ?? env.LABDECK_SSH_CONFIG, sshPath: extras.sshPath }),
      } as Docker.DockerOptions;
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const material = tlsMaterial(extras.tls, env, extras.home ?? env.HOME ?? '');
      const tls = url.protocol === 'https:' || material !== null;
      return {
        protocol: tls ? 'https' : 'http',
        host: url.hostname,
        port: url.port ? Number(url.port) : tls ? 2376 : 2375,
        ...(material ?? {}),
      };
    }
    default:
      throw new LabdeckError('BAD_REQUEST', `unsupported engine endpoint scheme ${url.protocol} in ${endpoint}`);
  }
}

/** The filesystem path behind a unix:// endpoint, or null for any other kind. */
export function unixSocketPath(endpoint: string): string | null {
  return endpoint.startsWith('unix://') ? decodeURIComponent(new URL(endpoint).pathname) : null;
}

/**
 * Whether a port the engine publishes on its host's loopback is reachable from this machine: only
 * for an engine on this machine (a unix socket or a named pipe). A tcp:// or ssh:// engine is
 * taken as another host, even at 127.0.0.1 (a forwarded port, or a test host), so it is tunnelled.
 */
export function publishesHere(endpoint: string): boolean {
  return endpoint.startsWith('unix://') || endpoint.startsWith('npipe://');
}
