import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labResources } from '../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { labApi } from './lab-api';
import { useConsole } from './launch-console';
import { seriousViolations } from './pages/axe';
import { ConsolePage } from './pages/console-page';

const ready = (await hasDocker()) && hasBrowser();
const LAB = `e2e-a11y-${process.pid}`;

/** Every page of the console as a user reaches it, and what shows it has drawn. */
const pages = (runId: string) => [
  { name: 'Labs', hash: '#/labs', ready: (p: Page) => p.getByRole('article', { name: 'Redis Streams' }) },
  { name: "a lab's page (dashboards)", hash: `#/labs/${LAB}`, ready: (p: Page) => p.getByRole('button', { name: `Open shell in ${LAB}-web-1` }) },
  { name: "a lab's audit", hash: `#/labs/${LAB}`, tab: 'Audit', ready: (p: Page) => p.getByRole('tab', { name: 'Audit', selected: true }) },
  { name: 'Game days', hash: '#/game-days', ready: (p: Page) => p.getByRole('heading', { name: 'Game days', level: 1 }) },
  { name: 'the run room', hash: `#/game-days/${runId}`, ready: (p: Page) => p.getByRole('heading', { level: 1 }) },
  { name: 'Terminals', hash: '#/terminals', ready: (p: Page) => p.getByRole('heading', { name: 'Terminals', level: 1 }) },
  { name: 'History', hash: '#/history', ready: (p: Page) => p.getByRole('heading', { name: 'History', level: 1 }) },
  { name: "a run's history", hash: `#/history/${runId}`, ready: (p: Page) => p.getByRole('heading', { level: 1 }) },
  { name: 'Bundles', hash: '#/bundles', ready: (p: Page) => p.getByRole('form', { name: 'Export a bundle' }).getByRole('checkbox', { name: /Redis Streams/ }) },
  { name: 'Settings', hash: '#/settings', ready: (p: Page) => p.getByRole('heading', { name: 'Settings', level: 1 }) },
];

describe.skipIf(!ready)('accessibility: axe-core on every console page, light and dark', () => {
  const { served, browser } = useConsole();
  let page: Page;
  let ui: ConsolePage;
  let runId: string;

  beforeAll(async () => {
    const api = labApi(served());
    // the smallest lab and its scenario: one node service (a lab of many is no more accessible, and slower to start)
    await api.up('loose-web', LAB);
    runId = (await api.call<{ id: string }>('runs.start', { scenario: 'harden-the-lab', labId: LAB, mode: 'training' })).id;
    page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    ui = new ConsolePage(page);
    await page.goto(served().url);
  }, 300_000);
  afterAll(async () => {
    await page?.close();
    const api = labApi(served());
    await api.call('runs.act', { runId, action: { type: 'abort' } }).catch(() => undefined);
    await api.down(LAB).catch(() => undefined);
    expect(labResources(LAB)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 90_000);

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`reports no serious or critical violation on any page in the ${colorScheme} theme`, async () => {
      await page.emulateMedia({ colorScheme });
      const found: string[] = [];
      for (const p of pages(runId)) {
        await page.goto(`${served().base}${p.hash}`);
        await expect.poll(() => ui.theme()).toBe(colorScheme);
        if (p.tab) await page.getByRole('tab', { name: p.tab }).click();
        await p.ready(page).first().waitFor({ timeout: 30_000 });
        // let the page's data arrive (dashboards, tables) before judging it
        await page.waitForTimeout(1500);
        for (const v of await seriousViolations(page)) found.push(`${p.name}: ${v.impact} ${v.id} (${v.help})\n    ${v.nodes.slice(0, 6).join('\n    ')}`);
      }
      expect(found.join('\n')).toBe('');
      expect(ui.errors).toEqual([]);
    }, 240_000);
  }
});
