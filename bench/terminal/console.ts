import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const TAP = `
(() => {
  const tap = { bytes: 0, frames: 0, lastAt: 0, sends: [], echoes: [] };
  window.__bench = tap;
  const Native = window.WebSocket;
  class Tapped extends Native {
    constructor(u, p) {
      super(u, p);
      if (!String(u).includes('/api/term/')) return;
      this.addEventListener('message', (ev) => {
        if (!(ev.data instanceof ArrayBuffer)) return;
        tap.bytes += ev.data.byteLength;
        tap.frames++;
        tap.lastAt = performance.now();
        if (tap.sends.length > tap.echoes.length) tap.echoes.push(tap.lastAt);
      });
    }
    send(data) {
      if (typeof data !== 'string' && String(this.url).includes('/api/term/')) tap.sends.push(performance.now());
      super.send(data);
    }
  }
  window.WebSocket = Tapped;
})();
`;

export interface BenchConsole {
  url: string;
  /** The `labdeck serve` process. */
  servePid: number;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/**
 * A real `labdeck serve` and Debian's Chromium showing it, with the page's terminal sockets tapped:
 * bytes received (and when), and when each keystroke frame was sent, timed in the page itself.
 */
export async function startConsole(chromiumPath: string): Promise<BenchConsole> {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-bench-term-'));
  const child: ChildProcess = spawn(process.execPath, ['bin/labdeck.mjs', 'serve', '--port', '0'], { env: { ...process.env, LABDECK_HOME: home }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      const m = /(http:\/\/\S+\?code=\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`labdeck serve exited ${code}`)));
  });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
  // A string, not a function: tsx would add helpers to a function's source that the page lacks.
  await page.addInitScript(TAP);
  await page.goto(url);
  return {
    url,
    servePid: child.pid!,
    browser,
    page,
    close: async () => {
      await browser.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
