import { posix } from 'node:path';

/** Where engines listen on Linux and macOS hosts; the current engine's own socket is added by the caller. */
export const KNOWN_ENGINE_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/run/podman/podman.sock',
  '/var/run/podman/podman.sock',
  '/run/containerd/containerd.sock',
  '/var/run/containerd/containerd.sock',
  '/run/crio/crio.sock',
];
const SOCKET_NAME = /^(docker|podman|containerd|crio|cri-dockerd|buildkitd)\.sock$/;
/** Host folders whose contents are the host: mounting them (or inside them) is refused like `/`. */
const SYSTEM_DIRS = ['/etc', '/root', '/proc', '/sys', '/dev', '/boot'];
/** Credentials kept in a home folder. */
const HOME_SECRETS = ['.ssh', '.aws', '.kube', '.docker', '.gnupg', '.config/gcloud'];

export interface HostPathContext {
  homeDir: string;
  /** Labdeck's data folder: it holds the trust store, so a container writing there could trust itself. */
  dataDir?: string;
  /** Engine sockets known on this host (defaults plus the current engine's). */
  engineSockets: string[];
}

export type HostPathClass =
  | { kind: 'engine-access'; why: string }
  | { kind: 'host-path'; refused: true; why: string }
  | { kind: 'host-path'; refused: false };

const clean = (p: string): string => posix.resolve('/', p.replace(/\\/g, '/'));
const inside = (p: string, dir: string): boolean => p === dir || p.startsWith(dir === '/' ? '/' : `${dir}/`);

/**
 * Classifies a bind mount source (absolute, symlinks already resolved by the caller). An ancestor of
 * a socket or secret folder is judged like it: `/var/run` carries docker.sock, `/home` carries `~/.ssh`.
 */
export function classifyHostPath(source: string, ctx: HostPathContext): HostPathClass {
  const p = clean(source);
  if (p === '/') return { kind: 'engine-access', why: 'the whole host filesystem, engine sockets included' };
  const sockets = ctx.engineSockets.map(clean);
  if (SOCKET_NAME.test(posix.basename(p)) || sockets.includes(p)) return { kind: 'engine-access', why: 'a container engine socket: full control of the engine, hence of the host' };
  const socket = sockets.find((s) => inside(s, p));
  if (socket) return { kind: 'engine-access', why: `a folder holding the engine socket ${socket}` };
  const home = clean(ctx.homeDir);
  if (inside(home, p)) return { kind: 'host-path', refused: true, why: 'your home folder, credentials and all' };
  const guarded = [...HOME_SECRETS.map((d) => posix.join(home, d)), ...(ctx.dataDir ? [clean(ctx.dataDir)] : [])];
  const secret = guarded.find((g) => inside(p, g) || inside(g, p));
  if (secret) return { kind: 'host-path', refused: true, why: secret === guarded.at(-1) && ctx.dataDir ? "Labdeck's own data (its trust store)" : `credentials in ${secret}` };
  // A folder in the home is the user's own (also when the home is /root).
  if (inside(p, home)) return { kind: 'host-path', refused: false };
  const system = SYSTEM_DIRS.find((d) => inside(p, d));
  if (system) return { kind: 'host-path', refused: true, why: `the host's ${system}` };
  return { kind: 'host-path', refused: false };
}
