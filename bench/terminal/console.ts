import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mintCode } from '../../main/server/one-time-code';

export type Renderer = 'webgl' | 'dom';

/** As on a machine without WebGL2: the console's terminals fall back to xterm's DOM renderer. */
const NO_WEBGL = `
(() => {
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return type === 'webgl2' ? null : get.call(this, type, ...rest);
  };
})();
`;

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
  /** A new page on the console, its terminal sockets tapped; with 'dom', WebGL2 is refused to it. */
  openPage(renderer: Renderer): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A real `labdeck serve` and Debian's Chromium showing it (headless: WebGL is SwiftShader, a
 * software renderer), each page's terminal sockets tapped: bytes received (and when), and when each
 * keystroke frame was sent, timed in the page itself.
 */
export async function startConsole(chromiumPath: string): Promise<BenchConsole> {
  const home = mkdtempSync(join(tmpdir(), 'labdeck-bench-term-'));
  // chosen here, so that each page can be given a link code of its own (a code works once)
  const token = randomBytes(32).toString('base64url');
  const child: ChildProcess = spawn(process.execPath, ['bin/labdeck.mjs', 'serve', '--port', '0'], { env: { ...process.env, LABDECK_HOME: home, LABDECK_SERVE_TOKEN: token }, stdio: ['ignore', 'pipe', 'inherit'] });
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
  const base = url.split('?')[0];
  return {
    url,
    servePid: child.pid!,
    browser,
    openPage: async (renderer) => {
      const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
      // Strings, not functions: tsx would add helpers to a function's source that the page lacks.
      await page.addInitScript(TAP);
      if (renderer === 'dom') await page.addInitScript(NO_WEBGL);
      // WebGL even where it is software (the console would pick DOM there by itself)
      else await page.addInitScript("localStorage.setItem('labdeck.terminal.renderer', 'webgl')");
      await page.goto(`${base}?code=${mintCode(token)}`);
      return page;
    },
    close: async () => {
      await browser.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
