import { spawn } from 'node:child_process';
import { LabdeckError } from '../../api/errors';
import { resolveArgv, type SshOptions, type SshTarget } from './ssh-target';

/** Runs a program with an argv array (never a shell), feeding stdin; resolves with its stdout and exit code. */
function runFile(file: string, args: string[], input?: string, timeoutMs = 10_000): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'ignore'], timeout: timeoutMs });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', () => resolve({ code: null, stdout: '' }));
    child.on('close', (code) => resolve({ code, stdout }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

/** What ssh says when the host key is not in known_hosts (or changed) under StrictHostKeyChecking=yes. */
export function isHostKeyFailure(stderr: string): boolean {
  return /Host key verification failed|No \S+ host key is known for|REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr);
}

/** The host name and port ssh really connects to (`ssh -G` applies the user's config: HostName, Port). */
export async function resolvedHost(sshPath: string, t: SshTarget, o: SshOptions): Promise<{ host: string; port: number }> {
  const { stdout } = await runFile(sshPath, resolveArgv(t, o));
  const field = (k: string): string | undefined => stdout.split('\n').find((l) => l.startsWith(`${k} `))?.slice(k.length + 1).trim();
  return { host: field('hostname') ?? t.host, port: Number(field('port') ?? t.port ?? 22) };
}

/** The host's key fingerprints, the way `ssh-keyscan -p PORT host | ssh-keygen -lf -` prints them. */
export async function hostKeyFingerprints(host: string, port: number): Promise<string[]> {
  const scan = await runFile('ssh-keyscan', ['-p', String(port), '-T', '5', '--', host]);
  if (!scan.stdout.trim()) return [];
  const prints = await runFile('ssh-keygen', ['-lf', '-'], scan.stdout);
  return prints.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** ENGINE_SSH_HOST_KEY with the host's fingerprints and how to accept the key once checked; nothing is accepted here. */
export async function hostKeyError(sshPath: string, t: SshTarget, o: SshOptions, stderr: string): Promise<LabdeckError> {
  const { host, port } = await resolvedHost(sshPath, t, o);
  const prints = await hostKeyFingerprints(host, port).catch(() => []);
  const changed = /REMOTE HOST IDENTIFICATION HAS CHANGED/.test(stderr);
  const shown = prints.length ? `; the host offers:\n    ${prints.join('\n    ')}` : '; the host did not answer ssh-keyscan';
  const where = port === 22 ? host : `[${host}]:${port}`;
  return new LabdeckError(
    'ENGINE_SSH_HOST_KEY',
    `${changed ? 'the host key of' : 'no known host key for'} ${where} (ssh refused it: StrictHostKeyChecking=yes)${shown}`,
    {
      hint: changed
        ? `The key changed since it was accepted. Ask the host's owner whether that is expected; only then remove the old key (ssh-keygen -R '${where}') and accept the new one.`
        : `Compare the fingerprint with the one the host's owner gives you (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host); if it matches: ssh-keyscan -p ${port} ${host} >> ~/.ssh/known_hosts`,
    },
  );
}

/** A failed ssh dial as a coded error: the host key, or ssh's own last words (auth, refused, no docker there). */
export async function sshDialError(sshPath: string, t: SshTarget, o: SshOptions, stderr: string, code: number | null): Promise<LabdeckError> {
  if (isHostKeyFailure(stderr)) return hostKeyError(sshPath, t, o, stderr);
  const said = stderr.trim().split('\n').slice(-3).join(' / ') || `ssh exited with ${code}`;
  const hint = /Permission denied/.test(stderr)
    ? 'ssh could not log in without a prompt (BatchMode): load the key into ssh-agent or name it in ~/.ssh/config (IdentityFile).'
    : /docker: (command )?not found|command not found/.test(stderr)
      ? 'The remote host has no docker CLI on the PATH of a non-interactive ssh session; `docker system dial-stdio` needs it.'
      : 'Try `ssh -o BatchMode=yes HOST docker version` yourself: Labdeck runs the same ssh, with your ssh config, agent and known_hosts.';
  return new LabdeckError('ENGINE_UNREACHABLE', `ssh to ${t.user ? `${t.user}@` : ''}${t.host}${t.port ? `:${t.port}` : ''} failed: ${said}`, { hint });
}
