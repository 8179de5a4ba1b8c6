import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { mintCode } from '../main/server/one-time-code';
import { CHROMIUM } from '../main/testing/requirements';

export interface RunningConsole {
  /** A fresh owner link each time it is read: a link's code works once, and each new page needs one. */
  readonly url: string;
  /** The owner's token for the HTTP API (`Authorization: Bearer`), as a script holds it. */
  token: string;
  /** The address without a code (for pages of a tab that already has its session). */
  base: string;
  /** The read-only observer link `serve` prints after the full one. */
  observerUrl: () => string | undefined;
  home: string;
  /** Everything serve printed so far (stdout and stderr). */
  output(): string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the real `labdeck serve` (a child process, its own LABDECK_HOME) and waits for its URL.
 * `args` are more serve options (e.g. `--class`); `before` prepares the data folder first.
 */
export async function startServe(env: NodeJS.ProcessEnv = {}, o: { args?: string[]; before?: (home: string) => void } = {}): Promise<RunningConsole> {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-e2e-'));
  const token = randomBytes(32).toString('base64url');
  o.before?.(home);
  const child = spawn(process.execPath, ['bin/labdeck.mjs', 'serve', '--port', '0', ...(o.args ?? [])], {
    env: { ...process.env, LABDECK_HOME: home, LABDECK_SERVE_TOKEN: token, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`labdeck serve printed no URL in 90 s:\n${out}`)), 90_000);
    const onData = (d: Buffer): void => {
      out += String(d);
      const m = /(https?:\/\/\S+\?code=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`labdeck serve exited ${code}:\n${out}`)));
  });
  const base = url.split('?')[0];
  return {
    get url() {
      return `${base}?code=${mintCode(token)}`;
    },
    token,
    base,
    observerUrl: () => /Observers[^:]*: (https?:\/\/\S+\?code=\S+)/.exec(out)?.[1],
    output: () => out,
    home,
    child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** For a describe block: a `labdeck serve` and a Chromium for its tests, both stopped afterwards. */
export function useConsole(): { served: () => RunningConsole; browser: () => Browser } {
  let served: RunningConsole | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    served = await startServe();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });
  return { served: () => served!, browser: () => browser! };
}
