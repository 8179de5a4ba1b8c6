import { execFileSync } from 'node:child_process';

/** The docker CLI, for tests that check the engine from the outside; `host` points it at another engine (Podman). */
export function dockerOn(host: string | undefined, ...args: string[]): string {
  return execFileSync('docker', host ? ['-H', host, ...args] : args, { encoding: 'utf8' }).trim();
}

export const docker = (...args: string[]): string => dockerOn(undefined, ...args);

export function labResources(labId: string, host?: string): { containers: string[]; networks: string[]; volumes: string[] } {
  const docker = (...args: string[]) => dockerOn(host, ...args);
  const f = `label=io.labdeck.lab=${labId}`;
  const lines = (s: string): string[] => s.split('\n').filter(Boolean);
  return {
    containers: lines(docker('ps', '-aq', '--filter', f)),
    networks: lines(docker('network', 'ls', '-q', '--filter', f)),
    volumes: lines(docker('volume', 'ls', '-q', '--filter', f)),
  };
}
