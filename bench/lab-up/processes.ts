/** Child processes: spawned in their own process group, tracked while running, cancellable. */
import { spawn, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { checkAbort, aborter } from './abort';
import { ROOT } from './config';

export interface Done {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** performance.now() when the process exited. */
  exitAt: number;
}

export interface Launched {
  child: ChildProcess;
  done: Promise<Done>;
}

/** Children still running; on Ctrl-C the bench waits for them before it removes what they made. */
export const running = new Map<ChildProcess, { done: Promise<Done>; onInterrupt?: 'SIGINT' }>();

/**
 * Spawns argv (never through a shell). Children get their own process group, so a Ctrl-C in the
 * terminal reaches only the bench, which then decides: `labdeck up` gets one SIGINT (it rolls back),
 * everything else is short and is let finish before the cleanup.
 */
export function launch(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; onStderrLine?: (line: string, at: number) => void; onInterrupt?: 'SIGINT' } = {}): Launched {
  checkAbort();
  const child = spawn(cmd, args, { cwd: ROOT, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const lines = createInterface({ input: child.stderr! });
  lines.on('line', (line) => {
    stderr += `${line}\n`;
    opts.onStderrLine?.(line, performance.now());
  });
  let exitAt = 0;
  child.on('exit', () => (exitAt = performance.now()));
  const done = new Promise<Done>((res, rej) => {
    child.on('error', rej);
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr, exitAt: exitAt || performance.now() }));
  });
  const entry = { done, onInterrupt: opts.onInterrupt };
  running.set(child, entry);
  void done.finally(() => running.delete(child)).catch(() => undefined);
  if (aborter.signal.aborted && opts.onInterrupt) child.kill(opts.onInterrupt);
  return { child, done };
}

export async function run(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; allowFail?: boolean } = {}): Promise<Done> {
  const r = await launch(cmd, args, { env: opts.env }).done;
  if (r.code !== 0 && !opts.allowFail) {
    throw new Error(`${[cmd, ...args].join(' ')} exited ${r.code ?? r.signal}\n${(r.stderr || r.stdout).trim().split('\n').slice(-20).join('\n')}`);
  }
  return r;
}

/** The same as `run`, but not refused once the bench is interrupted: used only to remove things. */
export async function runForCleanup(cmd: string, args: string[], env?: NodeJS.ProcessEnv): Promise<Done> {
  const child = spawn(cmd, args, { cwd: ROOT, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((res) => {
    child.on('error', (e) => res({ code: -1, signal: null, stdout, stderr: String(e), exitAt: performance.now() }));
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr, exitAt: performance.now() }));
  });
}
