import { createRequire } from 'node:module';
import { LabdeckError } from '../../api/errors';
import type { HostShellStarter } from './terminal-service';
import { exitOnce, type TerminalProcess } from './terminal-process';

type Pty = typeof import('node-pty');

function loadPty(): Pty {
  try {
    return createRequire(import.meta.url)('node-pty') as Pty;
  } catch (err) {
    const hint = process.versions.electron
      ? 'This Electron needs its own build of node-pty (npm run dist makes one; npm start does not yet).'
      : 'Run `npm ci` so its native module is built for this Node.';
    throw new LabdeckError('INTERNAL', `node-pty does not load here: ${(err as Error).message}`, { hint });
  }
}

export interface HostShellOptions {
  /** Off in `labdeck serve` unless --allow-host-shell; on in the desktop app. */
  allowed: boolean;
  /** The endpoint of the engine a lab runs on, for DOCKER_HOST. */
  engineEndpoint: () => Promise<string | undefined>;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  /** A cluster lab's kubeconfig file (in Labdeck's data folder), for KUBECONFIG; undefined for other labs. */
  kubeconfig?: (labId: string) => string | undefined;
}

/** The user's login shell on this machine under a pty, with DOCKER_HOST pointing at the lab's engine. */
export function hostShellStarter(o: HostShellOptions): HostShellStarter {
  const env = o.env ?? process.env;
  const platform = o.platform ?? process.platform;
  return {
    allowed: () => o.allowed,
    async start({ cols, rows, labId, command }): Promise<TerminalProcess> {
      const pty = loadPty();
      const argv = command ?? (platform === 'win32' ? [env.COMSPEC || 'powershell.exe'] : [env.SHELL || '/bin/bash']);
      const endpoint = await o.engineEndpoint();
      const shellEnv: Record<string, string> = { ...(env as Record<string, string>), TERM: 'xterm-256color' };
      if (endpoint) shellEnv.DOCKER_HOST = endpoint;
      if (labId) shellEnv.LABDECK_LAB = labId;
      const kubeconfig = labId ? o.kubeconfig?.(labId) : undefined;
      if (kubeconfig) shellEnv.KUBECONFIG = kubeconfig;
      const p = pty.spawn(argv[0], argv.slice(1), { name: 'xterm-256color', cols, rows, cwd: env.HOME || process.cwd(), env: shellEnv, encoding: null } as Parameters<Pty['spawn']>[2]);
      const exit = exitOnce();
      p.onExit(({ exitCode }) => exit.fire(exitCode));
      return {
        argv,
        onData: (listener) => p.onData((d: string | Buffer) => listener(typeof d === 'string' ? Buffer.from(d) : d)),
        onExit: (listener) => exit.on(listener),
        write: (data) => p.write(typeof data === 'string' ? data : (data as unknown as string)),
        resize: async (c, r) => {
          if (!exit.fired) p.resize(c, r);
        },
        pause: () => p.pause(),
        resume: () => p.resume(),
        close: () => {
          if (!exit.fired) p.kill('SIGHUP');
        },
      };
    },
  };
}
