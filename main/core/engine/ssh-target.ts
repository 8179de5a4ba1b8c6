import { LabdeckError } from '../../api/errors';

export interface SshTarget {
  host: string;
  port?: number;
  user?: string;
}

/** A name ssh would read as an option (`-oProxyCommand=…`) or that holds a space or control character is refused. */
const SAFE = /^[A-Za-z0-9_.@%:[\]-]+$/;

/** The ssh target of an `ssh://[user@]host[:port]` endpoint; anything that could become an ssh option is refused. */
export function sshTarget(endpoint: string): SshTarget {
  const url = new URL(endpoint);
  const host = url.hostname;
  const user = url.username ? decodeURIComponent(url.username) : undefined;
  const bad = (what: string, value: string): LabdeckError =>
    new LabdeckError('BAD_REQUEST', `not a usable ssh ${what} in ${endpoint}: ${JSON.stringify(value)}`, {
      hint: 'Use ssh://user@host or ssh://user@host:port, as DOCKER_HOST does (letters, digits, ".", "-", "_").',
    });
  if (!host || host.startsWith('-') || !SAFE.test(host)) throw bad('host', host);
  if (user !== undefined && (user.startsWith('-') || !/^[A-Za-z0-9_.-]+$/.test(user))) throw bad('user', user);
  if (url.password) throw bad('password', '***');
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) throw bad('path', url.pathname + url.search + url.hash);
  return { host, ...(url.port ? { port: Number(url.port) } : {}), ...(user ? { user } : {}) };
}

export interface SshOptions {
  /** An ssh config file given with -F (a registered engine's own; else the user's ~/.ssh/config). */
  configFile?: string;
}

/** The ssh options shared by the dial and `ssh -G`: never a prompt, never a host key taken on trust. */
function commonArgs(t: SshTarget, o: SshOptions): string[] {
  return [
    ...(o.configFile ? ['-F', o.configFile] : []),
    '-o', 'BatchMode=yes',
    '-o', 'StrictHostKeyChecking=yes',
    ...(t.port ? ['-p', String(t.port)] : []),
    ...(t.user ? ['-l', t.user] : []),
  ];
}

/** argv for `ssh … docker system dial-stdio`, as the Docker CLI runs it for DOCKER_HOST=ssh://; `--` ends the options. */
export function dialArgv(t: SshTarget, o: SshOptions = {}): string[] {
  return [...commonArgs(t, o), '-T', '-e', 'none', '--', t.host, 'docker', 'system', 'dial-stdio'];
}

/** argv for `ssh -G`: the host name and port ssh really connects to, after the user's config. */
export function resolveArgv(t: SshTarget, o: SshOptions = {}): string[] {
  return ['-G', ...commonArgs(t, o), '--', t.host];
}
