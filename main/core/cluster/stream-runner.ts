import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LabdeckError } from '../../api/errors';

export interface StreamResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface StreamOptions {
  /** Each output line as it comes, with the stream it came on. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  signal?: AbortSignal;
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** Runs a program with an argv array and streams its lines; what k3d runs through (tests pass a recorded one). */
export type StreamRunner = (file: string, args: string[], opts?: StreamOptions) => Promise<StreamResult>;

const KEEP = 256 * 1024;

/**
 * spawn without a shell. Cancelling (the signal) or the time limit sends SIGTERM, then SIGKILL after
 * 5 s; the promise then rejects with CANCELLED or CLUSTER_FAILED (timeout) once the process is gone.
 */
export const spawnStreamRunner: StreamRunner = (file, args, opts = {}) =>
  new Promise((resolve, reject) => {
    const child = spawn(file, args, { shell: false, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out = { stdout: '', stderr: '' };
    let ended: LabdeckError | undefined;
    const stop = (err: LabdeckError): void => {
      if (ended || child.exitCode !== null) return;
      ended = err;
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000).unref();
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream] }).on('line', (line) => {
        out[stream] = (out[stream] + line + '\n').slice(-KEEP);
        opts.onLine?.(line, stream);
      });
    }
    const onAbort = (): void => stop(new LabdeckError('CANCELLED', `${file} ${args.slice(0, 2).join(' ')} cancelled`));
    if (opts.signal?.aborted) onAbort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = opts.timeoutMs ? setTimeout(() => stop(new LabdeckError('CLUSTER_FAILED', `${file} ${args.slice(0, 2).join(' ')} took longer than ${Math.round(opts.timeoutMs! / 1000)} s and was stopped`)), opts.timeoutMs) : undefined;
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (ended) reject(ended);
      else resolve({ code, ...out });
    });
  });
