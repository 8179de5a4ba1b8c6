// `npm test`'s static checks: lint and typecheck are independent single-threaded processes, so they
// run side by side (one per core); each one's output is printed whole when it ends, and any failure fails.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (script) =>
  new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => {
      process.stdout.write(`== ${script}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n${out}`);
      resolve(code === 0);
    });
  });

const results = await Promise.all(['lint', 'typecheck'].map(run));
process.exitCode = results.every(Boolean) ? 0 : 1;
