import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import type { EndpointExtras } from '../core/engine/endpoint-url';

/**
 * The "remote host" of scripts/remote-engine-up.sh (a second dockerd with TLS on 127.0.0.1 and an
 * sshd reaching it), read from the env file it writes. Its tests skip loudly without it, unless
 * LABDECK_REQUIRE_REMOTE=1 (as in CI), where they fail.
 */
function remoteEnv(): Record<string, string> | null {
  const file = join(process.env.LABDECK_REMOTE_DIR ?? '/tmp/labdeck-remote-engine', 'env');
  if (!existsSync(file)) return null;
  const out: Record<string, string> = {};
  for (const m of readFileSync(file, 'utf8').matchAll(/^export (\w+)=(.*)$/gm)) out[m[1]] = m[2];
  return out;
}

export async function remoteHost(): Promise<Record<string, string> | null> {
  const r = remoteEnv();
  const answers = r ? await new Docker({ socketPath: r.LABDECK_REMOTE_SOCKET.slice('unix://'.length) }).ping().then(() => true, () => false) : false;
  if (answers) return r;
  if (process.env.LABDECK_REQUIRE_REMOTE === '1') throw new Error('the remote engine is required (LABDECK_REQUIRE_REMOTE=1): run scripts/remote-engine-up.sh');
  process.stderr.write('\n!!! SKIPPING REMOTE ENGINE TESTS: run scripts/remote-engine-up.sh. Set LABDECK_REQUIRE_REMOTE=1 to make this a failure. !!!\n\n');
  return null;
}

/** The remote host's TLS client files (with another CA, to see a certificate refused). */
export const remoteTls = (r: Record<string, string>, ca = r.LABDECK_REMOTE_TLS_CA): EndpointExtras => ({ tls: { ca, cert: r.LABDECK_REMOTE_TLS_CERT, key: r.LABDECK_REMOTE_TLS_KEY } });

/** `labdeck engines add far …` for the remote host over TLS or over ssh. */
export const addRemoteArgs = (r: Record<string, string>, via: 'tls' | 'ssh', name = 'far'): string[] =>
  via === 'tls'
    ? ['engines', 'add', name, r.LABDECK_REMOTE_TLS, '--tls-ca', r.LABDECK_REMOTE_TLS_CA, '--tls-cert', r.LABDECK_REMOTE_TLS_CERT, '--tls-key', r.LABDECK_REMOTE_TLS_KEY]
    : ['engines', 'add', name, r.LABDECK_REMOTE_SSH, '--ssh-config', r.LABDECK_REMOTE_SSH_CONFIG];
