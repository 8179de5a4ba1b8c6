import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import type { BenchTarget } from './target';

/** The floor: `docker exec <container> cat <file>` with its output to /dev/null; seconds. */
export function floorRun(t: BenchTarget, tty = false): Promise<number> {
  const devnull = openSync('/dev/null', 'w');
  const started = performance.now();
  // `script` gives docker a terminal so -t is allowed; the output still goes to /dev/null
  const [cmd, args] = tty
    ? ['script', ['-qfec', `docker exec -t ${t.container} cat ${t.file}`, '/dev/null']]
    : ['docker', ['exec', t.container, 'cat', t.file]];
  const child = spawn(cmd as string, args as string[], { stdio: ['ignore', devnull, 'inherit'] });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      closeSync(devnull);
      if (code === 0) resolve((performance.now() - started) / 1000);
      else reject(new Error(`docker exec cat exited ${code}`));
    });
  });
}
