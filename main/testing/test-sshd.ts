import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

/** A real sshd on 127.0.0.1 with its own host key, and an ssh client config (key, empty known_hosts) for it. */
export interface TestSshd {
  port: number;
  dir: string;
  /** -F file for the ssh client: its own key and known_hosts, nothing of the user's. */
  clientConfig: string;
  knownHosts: string;
  /** The host key's fingerprint as ssh-keygen -l prints it (SHA256:…). */
  fingerprint: string;
  stop(): Promise<void>;
}

export function canRunSshd(): boolean {
  return existsSync(SSHD) && typeof process.getuid === 'function' && process.getuid() === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Starts sshd (root only: it switches to the logged-in user) whose sessions see `env` (e.g. DOCKER_HOST). */
export async function startTestSshd(env: Record<string, string> = {}): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'labdeck-sshd-'));
  const port = await freePort();
  const keygen = (file: string): void => void execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', file]);
  keygen(join(dir, 'host_key'));
  keygen(join(dir, 'client_key'));
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), { mode: 0o600 });
  const setEnv = Object.entries(env).map(([k, v]) => `${k}=${v}`).join(' ');
  writeFileSync(
    join(dir, 'sshd_config'),
    [`Port ${port}`, 'ListenAddress 127.0.0.1', `HostKey ${join(dir, 'host_key')}`, `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`, 'PasswordAuthentication no',
      'KbdInteractiveAuthentication no', 'PermitRootLogin prohibit-password', 'UsePAM no', 'StrictModes no', `PidFile ${join(dir, 'sshd.pid')}`, ...(setEnv ? [`SetEnv ${setEnv}`] : [])].join('\n') + '\n',
  );
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, '');
  const clientConfig = join(dir, 'ssh_config');
  writeFileSync(clientConfig, `Host *\n  IdentityFile ${join(dir, 'client_key')}\n  IdentitiesOnly yes\n  UserKnownHostsFile ${knownHosts}\n  GlobalKnownHostsFile /dev/null\n`);
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  child.stderr?.on('data', (d: Buffer) => (said += d.toString()));
  for (let i = 0; i < 50 && !said.includes('Server listening'); i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited: ${said}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const fingerprint = execFileSync('ssh-keygen', ['-lf', join(dir, 'host_key.pub')], { encoding: 'utf8' }).split(' ')[1];
  return {
    port,
    dir,
    clientConfig,
    knownHosts,
    fingerprint,
    stop: async () => {
      if (child.exitCode === null) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Accepts the test sshd's host key into its client's known_hosts, as a user does after checking the fingerprint. */
export function acceptHostKey(s: TestSshd): void {
  const scanned = execFileSync('ssh-keyscan', ['-p', String(s.port), '127.0.0.1'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  writeFileSync(s.knownHosts, scanned);
}
