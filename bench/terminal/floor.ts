import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import type { BenchTarget } from './target';

/**
 * The floor: `docker exec <container> cat <file>` with its output to /dev/null; seconds. With `tty`,
 * `docker exec -t` (the exec gets a pty, as a terminal's does; the CLI allows -t without a terminal
 * of its own when stdin is not attached).
 */
export function floorRun(t: BenchTarget, tty = false): Promise<number> {
  const devnull = openSync('/dev/null', 'w');
  const started = performance.now();
  const args = tty ? ['exec', '-t', t.container, 'cat', t.file] : ['exec', t.container, 'cat', t.file];
  const child = spawn('docker', args, { stdio: ['ignore', devnull, 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      closeSync(devnull);
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`docker exec cat exited ${code}`));
    });
  });
}
