import type { Page } from 'playwright-core';
import type { BenchConsole, Renderer } from './console';
import { pageCpu, treeCpu } from './cpu';
import type { BenchTarget } from './target';

/** CPU seconds one `cat` cost: the serve process, every Chromium process, and the page's main thread by kind. */
export interface CatCpu {
  serve: number;
  chromium: number;
  pageTask: number;
  pageScript: number;
  pageLayout: number;
}

type Tap = { bytes: number; frames: number; lastAt: number; sends: number[]; echoes: number[] };
const tap = (page: Page): Promise<Tap> => page.evaluate(() => ({ ...(window as unknown as { __bench: Tap }).__bench }));

/**
 * Opens a shell into the bench container from the Terminals page, as a user would, and waits for
 * its renderer to be `want`; throws if it is not within 10 s (the bench must not report DOM as WebGL).
 */
export async function openShell(page: Page, t: BenchTarget, want: Renderer): Promise<void> {
  await page.goto(`${page.url().split('#')[0].split('?')[0]}#/terminals`);
  const form = page.getByRole('form', { name: 'New terminal' });
  await form.getByRole('combobox', { name: 'Lab' }).selectOption(t.lab);
  // the service list follows the lab asynchronously; other labs on the engine have other services
  await form.getByRole('combobox', { name: 'Service' }).selectOption(t.service);
  await form.getByRole('button', { name: 'Open shell' }).click();
  await page.getByRole('status', { name: `Status of ${t.service} · ${t.lab}` }).filter({ hasText: 'Connected' }).waitFor({ timeout: 20_000 });
  const pane = page.getByRole('region', { name: `Terminal ${t.service} · ${t.lab}` });
  await pane.locator(`.terminal-host[data-renderer="${want}"]`).waitFor({ timeout: 10_000 });
  await pane.click();
}

/** The terminal's screen as text, from xterm's buffer (the WebGL renderer leaves no rows in the DOM). */
const screen = (page: Page): Promise<string> => page.locator('.terminal-pane .terminal-host').first().evaluate((el) => (el as HTMLElement & { readScreen(): string[] }).readScreen().join('\n'));

async function typeLine(page: Page, line: string): Promise<void> {
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/**
 * `cat` of the file through the terminal: from Enter until the page has received every byte and
 * xterm's buffer holds the marker printed after it (so it was parsed, not just received); seconds
 * until the last byte arrived. Drawing shares the page's main thread, so a slower renderer slows the
 * acks that flow control waits for, and shows here.
 */
export async function catThroughConsole(ui: BenchConsole, page: Page, t: BenchTarget, run: number): Promise<{ seconds: number; bytes: number; frames: number; cpu: CatCpu }> {
  await page.bringToFront();
  await typeLine(page, 'clear');
  await page.waitForTimeout(300);
  const cpu = async () => ({ serve: treeCpu(ui.servePid), chromium: treeCpu(process.pid, [ui.servePid], false), page: await pageCpu(page) });
  const cpu0 = await cpu();
  const start = await tap(page);
  const before = start.bytes;
  const marker = `CAT-DONE-${run}`;
  const started = await page.evaluate(() => performance.now());
  await typeLine(page, `cat ${t.file}; echo CAT-DONE''-${run}`);
  for (;;) {
    if ((await screen(page)).includes(marker)) break;
    await page.waitForTimeout(100);
  }
  const after = await tap(page);
  const cpu1 = await cpu();
  const used: CatCpu = { serve: cpu1.serve - cpu0.serve, chromium: cpu1.chromium - cpu0.chromium, pageTask: cpu1.page.task - cpu0.page.task, pageScript: cpu1.page.script - cpu0.page.script, pageLayout: cpu1.page.layout - cpu0.page.layout };
  process.stderr.write(`bytes all arrived after ${((after.lastAt - started) / 1000).toFixed(2)} s; marker seen after ${((await page.evaluate(() => performance.now()) - started) / 1000).toFixed(2)} s\n`);
  return { seconds: (after.lastAt - started) / 1000, bytes: after.bytes - before, frames: after.frames - start.frames, cpu: used };
}

/**
 * Keystroke echo, timed in the page: a key event on xterm's input element, until the first output
 * frame after the keystroke's frame went out; ms each. Driven from inside the page, because a key
 * typed through the automation protocol holds the page's main thread for tens of milliseconds and
 * would measure Playwright, not Labdeck (`viaAutomation` measures that way too, for comparison).
 * One value per key typed; a key with no echo is Infinity.
 */
export async function echoRoundTrips(page: Page, n: number, viaAutomation = false): Promise<number[]> {
  await page.bringToFront();
  await typeLine(page, 'clear');
  await page.waitForTimeout(300);
  if (viaAutomation) {
    const before = await tap(page);
    for (let i = 0; i < n; i++) {
      await page.keyboard.type(String.fromCharCode(97 + (i % 26)));
      await page.waitForTimeout(25);
    }
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+U');
    const after = await tap(page);
    const offset = before.echoes.length - before.sends.length;
    const out: number[] = [];
    for (let i = before.sends.length; i < after.sends.length && i + offset < after.echoes.length; i++) out.push(after.echoes[i + offset] - after.sends[i]);
    // Keys typed but never sent or echoed count as infinitely slow rather than vanish from the p95.
    while (out.length < n) out.push(Number.POSITIVE_INFINITY);
    return out;
  }
  const out = (await page.evaluate(`(async () => {
    const input = document.querySelector('.terminal-pane.focused .xterm-helper-textarea');
    const tap = window.__bench;
    const out = [];
    for (let i = 0; i < ${n}; i++) {
      const key = String.fromCharCode(97 + (i % 26));
      const code = key.charCodeAt(0);
      const sent = tap.sends.length;
      const echoed = tap.echoes.length;
      input.dispatchEvent(new KeyboardEvent('keydown', { key, code: 'Key' + key.toUpperCase(), keyCode: code - 32, bubbles: true, cancelable: true }));
      input.dispatchEvent(new KeyboardEvent('keypress', { key, charCode: code, keyCode: code, which: code, bubbles: true, cancelable: true }));
      const t0 = performance.now();
      while (tap.echoes.length === echoed && performance.now() - t0 < 2000) await new Promise((r) => setTimeout(r, 0));
      // A key that was not sent or not echoed within 2 s counts (as null, then Infinity), never dropped.
      out.push(tap.sends.length > sent && tap.echoes.length > echoed ? tap.echoes[echoed] - tap.sends[sent] : null);
      await new Promise((r) => setTimeout(r, 25));
    }
    return out;
  })()`)) as (number | null)[];
  await page.keyboard.press('Control+U');
  return out.map((x) => x ?? Number.POSITIVE_INFINITY);
}
