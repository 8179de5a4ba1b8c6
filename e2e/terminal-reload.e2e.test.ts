import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { labResources } from '../main/testing/docker-cli';
import { useConsole } from './launch-console';
import { labApi } from './lab-api';
import { ConsolePage } from './pages/console-page';
import { TerminalsPageObject } from './pages/terminals-page';

const ready = (await hasDocker()) && hasBrowser();
const LAB = `e2e-reload-${process.pid}`;
const WEB = `web · ${LAB}`;

describe.skipIf(!ready)('a terminal survives a page reload', () => {
  const { served, browser } = useConsole();
  let page: Page;

  beforeAll(async () => {
    await labApi(served()).up('loose-web', LAB);
    page = await browser().newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(served().url);
  }, 240_000);
  afterAll(async () => {
    await page?.close();
    await labApi(served()).down(LAB).catch(() => undefined);
    expect(labResources(LAB)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 60_000);

  it('the same shell answers after a reload (its variable, its pid), not exit 129', async () => {
    const ui = new ConsolePage(page);
    const terms = new TerminalsPageObject(page);
    await page.goto(`${served().base}#/labs/${LAB}`);
    await page.getByRole('button', { name: `Open shell in ${LAB}-web-1` }).click();
    await expect.poll(() => terms.status(WEB).textContent(), { timeout: 20_000 }).toBe('Connected');
    await terms.type(WEB, 'export X=42; echo set-$X-$$');
    await expect.poll(() => terms.screen(WEB), { timeout: 10_000 }).toMatch(/^set-42-\d+$/m);
    const pid = /^set-42-(\d+)$/m.exec(await terms.screen(WEB))![1];

    await page.reload();
    await page.goto(`${served().base}#/terminals`);
    await expect.poll(() => terms.status(WEB).textContent(), { timeout: 20_000 }).toBe('Connected');
    await expect.poll(() => terms.screen(WEB), { timeout: 10_000 }).toMatch(/set-42-\d+/);
    await terms.type(WEB, 'echo "X=$X pid=$$"');
    await expect.poll(() => terms.screen(WEB), { timeout: 10_000 }).toMatch(new RegExp(`^X=42 pid=${pid}$`, 'm'));
    expect(await terms.screen(WEB)).not.toMatch(/exited with code 129/);
    expect(ui.errors).toEqual([]);
  }, 120_000);
});
