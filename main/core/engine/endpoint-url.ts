import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { LabdeckError } from '../../api/errors';

/** dockerode connection options for an endpoint URL (unix, npipe, tcp with optional TLS, ssh). */
export function dockerodeOptions(endpoint: string, env: NodeJS.ProcessEnv = process.env): Docker.DockerOptions {
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
      return { protocol: 'ssh', host: url.hostname, port: url.port ? Number(url.port) : 22, username: url.username || undefined };
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const certDir = env.DOCKER_CERT_PATH;
      const tls = url.protocol === 'https:' || (env.DOCKER_TLS_VERIFY === '1' && !!certDir);
      const opts: Docker.DockerOptions = {
        protocol: tls ? 'https' : 'http',
        host: url.hostname,
        port: url.port ? Number(url.port) : tls ? 2376 : 2375,
      };
      if (tls && certDir) {
        opts.ca = readFileSync(join(certDir, 'ca.pem'));
        opts.cert = readFileSync(join(certDir, 'cert.pem'));
        opts.key = readFileSync(join(certDir, 'key.pem'));
      }
      return opts;
    }
    default:
      throw new LabdeckError('BAD_REQUEST', `unsupported engine endpoint scheme ${url.protocol} in ${endpoint}`);
  }
}

/** The filesystem path behind a unix:// endpoint, or null for any other kind. */
export function unixSocketPath(endpoint: string): string | null {
  return endpoint.startsWith('unix://') ? decodeURIComponent(new URL(endpoint).pathname) : null;
}
