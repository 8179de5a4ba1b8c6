import { execFileSync } from 'node:child_process';

/** The docker CLI, for tests that check the engine from the outside. */
export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8' }).trim();
}

export function labResources(labId: string): { containers: string[]; networks: string[]; volumes: string[] } {
  const f = `label=io.labdeck.lab=${labId}`;
  const lines = (s: string): string[] => s.split('\n').filter(Boolean);
  return {
    containers: lines(docker('ps', '-aq', '--filter', f)),
    networks: lines(docker('network', 'ls', '-q', '--filter', f)),
    volumes: lines(docker('volume', 'ls', '-q', '--filter', f)),
  };
}
