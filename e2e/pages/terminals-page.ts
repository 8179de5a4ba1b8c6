import type { Locator, Page } from 'playwright-core';

/**
 * Taps the terminal byte channels of the page (installed before the app loads): every binary frame
 * received on an /api/term/ socket is kept, so a test can checksum exactly what the transport
 * delivered, and the sockets are kept so a test can drop one like a flaky network would.
 */
export async function tapTerminalSockets(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __term: { sockets: WebSocket[]; frames: Uint8Array[]; bytes: number } };
    w.__term = { sockets: [], frames: [], bytes: 0 };
    const Native = window.WebSocket;
    class Tapped extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        if (String(url).includes('/api/term/')) {
          w.__term.sockets.push(this);
          this.addEventListener('message', (ev) => {
            if (ev.data instanceof ArrayBuffer) {
              w.__term.frames.push(new Uint8Array(ev.data));
              w.__term.bytes += ev.data.byteLength;
            }
          });
        }
      }
    }
    window.WebSocket = Tapped as typeof WebSocket;
  });
}

/** The rows on screen of the terminal in `pane`, spaces normalised. */
export async function screenRows(pane: Locator): Promise<string[]> {
  const rows = await pane.locator('.terminal-host').evaluate((el) => (el as HTMLElement & { readScreen(): string[] }).readScreen());
  return rows.map((r) => r.replace(/\u00a0/g, ' ').trimEnd());
}

/** The Terminals page as a user works it: tabs, panes, status lines, typing into the focused terminal. */
export class TerminalsPageObject {
  constructor(readonly page: Page) {}

  tab(name: string | RegExp) {
    return this.page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab', { name });
  }

  pane(title: string | RegExp) {
    return this.page.getByRole('region', { name: typeof title === 'string' ? `Terminal ${title}` : title });
  }

  status(title: string) {
    return this.page.getByRole('status', { name: `Status of ${title}` });
  }

  /** The visible screen text of a pane, read through xterm's buffer (WebGL draws no rows into the DOM). */
  async screen(title: string | RegExp): Promise<string> {
    return (await screenRows(this.pane(title))).join('\n');
  }

  /** Which renderer draws a pane's terminal now: 'webgl' or 'dom'. */
  renderer(title: string | RegExp): Promise<string | null> {
    return this.pane(title).locator('.terminal-host').getAttribute('data-renderer');
  }

  /** Where row `row` (0 = the top of the screen) of a pane is drawn: its left edge and middle, in page pixels. */
  async rowPoint(title: string | RegExp, row: number): Promise<{ x: number; y: number }> {
    const box = (await this.pane(title).locator('.xterm-screen').boundingBox())!;
    const rows = (await this.fittedSize(title))[0];
    return { x: box.x, y: box.y + (box.height / rows) * (row + 0.5) };
  }

  /** The size the pane fitted its terminal to (the size its pty is told), as `stty size` prints it: rows, cols. */
  async fittedSize(title: string | RegExp): Promise<[number, number]> {
    const host = this.pane(title).locator('.terminal-host');
    return [Number(await host.getAttribute('data-rows')), Number(await host.getAttribute('data-cols'))];
  }

  async type(title: string | RegExp, line: string): Promise<void> {
    await this.pane(title).click();
    await this.page.keyboard.type(line);
    await this.page.keyboard.press('Enter');
  }

  async clearTap(): Promise<void> {
    await this.page.evaluate(() => {
      const t = (window as unknown as { __term: { frames: Uint8Array[]; bytes: number } }).__term;
      t.frames = [];
      t.bytes = 0;
    });
  }

  tappedBytes(): Promise<number> {
    return this.page.evaluate(() => (window as unknown as { __term: { bytes: number } }).__term.bytes);
  }

  /** The tapped output between two marker lines, and its SHA-256, computed in the page. */
  tappedBetween(begin: string, end: string): Promise<{ length: number; sha256: string; before: string } | null> {
    return this.page.evaluate(
      async ([b, e]) => {
        const t = (window as unknown as { __term: { frames: Uint8Array[] } }).__term;
        const all = new Uint8Array(t.frames.reduce((n, f) => n + f.length, 0));
        let at = 0;
        for (const f of t.frames) all.set(f, (at += f.length) - f.length);
        const text = new TextDecoder().decode(all);
        const i = text.indexOf(`${b}\r\n`);
        const j = text.indexOf(`\r\n${e}`, i);
        if (i < 0 || j < 0) return null;
        const body = text.slice(i + b.length + 2, j);
        const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body));
        const sha256 = [...new Uint8Array(digest)].map((x) => x.toString(16).padStart(2, '0')).join('');
        return { length: body.length, sha256, before: text.slice(Math.max(0, i - 300), i) };
      },
      [begin, end] as const,
    );
  }

  /** Drops the newest terminal socket, as a network blip would. */
  dropSocket(): Promise<void> {
    return this.page.evaluate(() => (window as unknown as { __term: { sockets: WebSocket[] } }).__term.sockets.at(-1)?.close());
  }
}
