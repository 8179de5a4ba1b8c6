import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { useLabPage } from './lab-page';
import { ConsolePage } from './pages/console-page';
import { screenRows } from './pages/terminals-page';

const ready = (await hasDocker()) && hasBrowser();
const LAB = `e2e-webgl-${process.pid}`;

/**
 * Counts the page's WebGL contexts (installed before the app loads): every webgl/webgl2 context made
 * is kept, so a test can tell how many are alive (not lost) and where their canvases are.
 */
const COUNT_CONTEXTS = `(() => {
  const made = [];
  window.__gl = made;
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    const ctx = get.call(this, type, ...rest);
    if (ctx && (type === 'webgl' || type === 'webgl2') && !made.includes(ctx)) made.push(ctx);
    return ctx;
  };
})();`;

/** The user's choice of WebGL even where it is drawn in software (SwiftShader here). */
const FORCE_WEBGL = `localStorage.setItem('labdeck.terminal.renderer', 'webgl');`;

/** As on a machine without WebGL2: a canvas refuses a webgl2 context. */
const NO_WEBGL = `(() => {
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, ...rest) {
    return type === 'webgl2' ? null : get.call(this, type, ...rest);
  };
})();`;

/** The live WebGL contexts of the page, and how many of them draw into a terminal pane on screen. */
const contexts = (page: Page) =>
  page.evaluate(() => {
    const live = (window as unknown as { __gl: WebGL2RenderingContext[] }).__gl.filter((gl) => !gl.isContextLost());
    const inPane = live.filter((gl) => gl.canvas instanceof HTMLCanvasElement && gl.canvas.isConnected && gl.canvas.closest('.terminal-pane') !== null);
    return { live: live.length, inPane: inPane.length };
  });

// Chromium draws WebGL here with SwiftShader (software), which headless Chromium uses without a GPU.
describe.skipIf(!ready)('terminals on the WebGL renderer', () => {
  const { served, browser } = useConsole();
  const labPage = useLabPage({ served, browser }, { template: 'loose-web', lab: LAB, viewport: { width: 1300, height: 900 }, prepare: async (p) => {
    await p.addInitScript(COUNT_CONTEXTS);
    await p.addInitScript(FORCE_WEBGL);
  } });
  const base = () => served().url.split('?')[0];

  async function openShell(page: Page): Promise<void> {
    await page.goto(`${base()}#/labs/${LAB}`);
    await page.getByRole('button', { name: `Open shell in ${LAB}-web-1` }).click();
    await page.getByRole('status', { name: `Status of web · ${LAB}` }).filter({ hasText: 'Connected' }).last().waitFor({ timeout: 20_000 });
  }
  const panes = (page: Page) => page.getByRole('region', { name: /^Terminal / });
  const tabs = (page: Page) => page.getByRole('tablist', { name: 'Terminals' }).getByRole('tab');
  const rendererOf = (page: Page, i: number) => panes(page).nth(i).locator('.terminal-host').getAttribute('data-renderer');
  async function typeIn(page: Page, i: number, line: string): Promise<void> {
    await panes(page).nth(i).click();
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  const screenOf = async (page: Page, i: number) => (await screenRows(panes(page).nth(i))).join('\n');

  it('draws the visible terminal with WebGL, a hidden tab holds no context, text reads back from the buffer', async () => {
    const page = labPage();
    const ui = new ConsolePage(page);
    await openShell(page);
    await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe('webgl');
    // a canvas in the pane with a live webgl2 context, and no DOM rows
    expect(await panes(page).nth(0).locator('canvas').evaluateAll((cs) => cs.some((c) => (c as HTMLCanvasElement).getContext('webgl2')?.isContextLost() === false))).toBe(true);
    expect(await panes(page).nth(0).locator('.xterm-rows').count()).toBe(0);
    await typeIn(page, 0, 'echo webgl-$((6*7))');
    await expect.poll(() => screenOf(page, 0)).toMatch(/^webgl-42$/m);
    expect(await contexts(page)).toEqual({ live: 1, inPane: 1 });

    // a second shell: the first tab is hidden and gives its context back
    await openShell(page);
    await expect.poll(() => tabs(page).count()).toBe(2);
    await expect.poll(() => panes(page).count()).toBe(1);
    await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe('webgl');
    await expect.poll(() => contexts(page)).toEqual({ live: 1, inPane: 1 });

    // split: two visible terminals, two contexts; back to one pane, one context
    await page.getByRole('button', { name: 'Split' }).click();
    await expect.poll(() => panes(page).count()).toBe(2);
    await expect.poll(async () => [await rendererOf(page, 0), await rendererOf(page, 1)], { timeout: 10_000 }).toEqual(['webgl', 'webgl']);
    await expect.poll(() => contexts(page)).toEqual({ live: 2, inPane: 2 });
    await typeIn(page, 1, 'echo second-$((40+2))');
    await expect.poll(() => screenOf(page, 1)).toMatch(/^second-42$/m);
    // focusing the other pane does not re-create either context
    const made = await page.evaluate(() => (window as unknown as { __gl: unknown[] }).__gl.length);
    await panes(page).nth(0).click();
    await panes(page).nth(1).click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __gl: unknown[] }).__gl.length)).toBe(made);
    await page.getByRole('button', { name: 'Single pane' }).click();
    await expect.poll(() => contexts(page)).toEqual({ live: 1, inPane: 1 });

    // no terminal on screen (the Labs page): no context
    await page.goto(`${base()}#/labs`);
    await expect.poll(() => contexts(page)).toEqual({ live: 0, inPane: 0 });
    await page.goto(`${base()}#/terminals`);
    await expect.poll(() => contexts(page)).toEqual({ live: 1, inPane: 1 });
    // the first shell's output is still there, read from its buffer
    await tabs(page).nth(0).click();
    await expect.poll(() => screenOf(page, 0)).toMatch(/^webgl-42$/m);
    await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe('webgl');
    expect(await contexts(page)).toEqual({ live: 1, inPane: 1 });
    expect(ui.errors).toEqual([]);
  }, 120_000);

  it('a lost context puts only that terminal on the DOM renderer, still writing; shown again, it is WebGL again', async () => {
    const page = labPage();
    await page.goto(`${base()}#/terminals`);
    await tabs(page).nth(1).click();
    await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe('webgl');
    await panes(page).nth(0).locator('canvas').evaluateAll((cs) => {
      for (const c of cs) (c as HTMLCanvasElement).getContext('webgl2')?.getExtension('WEBGL_lose_context')?.loseContext();
    });
    // xterm's addon waits 3 s for the context to come back before it gives up on it
    await expect.poll(() => rendererOf(page, 0), { timeout: 15_000 }).toBe('dom');
    await expect.poll(() => panes(page).nth(0).locator('.xterm-rows').count()).toBe(1);
    await typeIn(page, 0, 'echo dom-$((6*7))');
    await expect.poll(() => screenOf(page, 0)).toMatch(/^dom-42$/m);
    await expect.poll(() => panes(page).nth(0).locator('.xterm-rows').textContent()).toContain('dom-42');
    expect(await contexts(page)).toEqual({ live: 0, inPane: 0 });
    // the other tab, and this one shown again, try WebGL again
    await tabs(page).nth(0).click();
    await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe('webgl');
    await tabs(page).nth(1).click();
    await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe('webgl');
    expect(await contexts(page)).toEqual({ live: 1, inPane: 1 });
  }, 60_000);

  it('without WebGL2, terminals use the DOM renderer, the later ones without trying again', async () => {
    const page = await browser().newPage({ viewport: { width: 1300, height: 900 } });
    try {
      await page.addInitScript(NO_WEBGL);
      const warnings: string[] = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      const ui = new ConsolePage(page);
      await page.goto(served().url);
      await openShell(page);
      await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe('dom');
      await typeIn(page, 0, 'echo fallback-$((6*7))');
      await expect.poll(() => screenOf(page, 0)).toMatch(/^fallback-42$/m);
      await expect.poll(() => panes(page).nth(0).locator('.xterm-rows').textContent()).toContain('fallback-42');
      await openShell(page);
      await expect.poll(() => tabs(page).count()).toBe(2);
      await page.waitForTimeout(500);
      expect(await rendererOf(page, 0)).toBe('dom');
      expect(warnings.filter((w) => w.includes('DOM renderer'))).toHaveLength(1);
      expect(ui.errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('left to itself, keeps terminals on the DOM renderer where WebGL is drawn in software, and says why once', async () => {
    const page = await browser().newPage({ viewport: { width: 1300, height: 900 } });
    try {
      const warnings: string[] = [];
      page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
      await page.goto(served().url);
      const gl = await page.evaluate(() => {
        const ctx = document.createElement('canvas').getContext('webgl2');
        const info = ctx?.getExtension('WEBGL_debug_renderer_info');
        return ctx ? String(ctx.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : ctx.RENDERER)) : '';
      });
      const software = /swiftshader|llvmpipe|softpipe|software/i.test(gl);
      await openShell(page);
      await expect.poll(() => rendererOf(page, 0), { timeout: 10_000 }).toBe(software ? 'dom' : 'webgl');
      await typeIn(page, 0, 'echo auto-$((6*7))');
      await expect.poll(() => screenOf(page, 0)).toMatch(/^auto-42$/m);
      if (software) expect(warnings.filter((w) => w.includes('drawn in software'))).toHaveLength(1);
    } finally {
      await page.close();
    }
  }, 60_000);
});
