// Small runtime helpers shared by every workload: environment, logging, sleeping, shutdown.
import os from 'node:os';

export const instance = process.env.HOSTNAME || os.hostname();

export function envStr(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

export function envNum(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`environment variable ${name}=${JSON.stringify(v)} is not a number`);
  return n;
}

export function log(role: string, msg: string, extra?: Record<string, unknown>): void {
  const line = { t: new Date().toISOString(), role, instance, msg, ...extra };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Keeps trying `fn` until it succeeds or `signal` aborts; logs each failure (at most every 5 s).
 */
export async function retry<T>(role: string, what: string, fn: () => Promise<T>, signal: AbortSignal, delayMs = 1000): Promise<T> {
  let lastLog = 0;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (signal.aborted) throw err;
      if (Date.now() - lastLog > 5000) {
        log(role, `${what} failed, retrying`, { error: errorText(err) });
        lastLog = Date.now();
      }
      await sleep(delayMs, signal);
      if (signal.aborted) throw err;
    }
  }
}

/**
 * SIGTERM/SIGINT abort the returned controller; `cleanup` then runs once and the process exits 0.
 * A second signal, or a cleanup slower than `graceMs`, exits at once. (node as PID 1 has no default
 * signal handlers, so without this `docker stop` would wait for its timeout.)
 */
export function onShutdown(role: string, cleanup: () => Promise<void>, graceMs = 5000): AbortController {
  const ac = new AbortController();
  let stopping = false;
  const handler = (sig: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(role, `received ${sig}, shutting down`);
    ac.abort();
    setTimeout(() => process.exit(0), graceMs).unref();
    cleanup().then(
      () => process.exit(0),
      (err) => {
        log(role, 'cleanup failed', { error: errorText(err) });
        process.exit(0);
      },
    );
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return ac;
}

/** Runs `tick` about `rate()` times a second (re-read each time), without bursting to catch up. */
export async function paced(rate: () => number, tick: () => Promise<void>, signal: AbortSignal): Promise<void> {
  let next = Date.now();
  while (!signal.aborted) {
    const r = rate();
    if (r <= 0) {
      await sleep(500, signal);
      next = Date.now();
      continue;
    }
    await tick();
    next += 1000 / r;
    const now = Date.now();
    if (next < now - 1000) next = now; // fell behind (slow backend): do not burst
    await sleep(next - now, signal);
  }
}
