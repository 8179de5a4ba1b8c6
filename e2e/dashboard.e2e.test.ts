import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { labResources } from '../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { ConsolePage } from './pages/console-page';
import { DashboardPageObject } from './pages/dashboard-page';
import { LabsPageObject } from './pages/labs-page';

const run = promisify(execFile);
const TARGETS_UP = 'Targets up (of 2 services)';
const ready = (await hasDocker()) && hasBrowser();
// two scraped services, so the Service variable has something to narrow
const FIXTURE = 'e2e/fixtures/two-exporters/compose.yaml';

describe.skipIf(!ready)('a lab dashboard in the browser console', () => {
  const { served, browser } = useConsole();

  it('charts a lab started from the CLI, live, and leaves nothing behind when stopped', async () => {
    const labId = `dash-${Date.now().toString(36)}`;
    const env = { ...process.env, LABDECK_HOME: served().home };
    try {
      await run(process.execPath, ['bin/labdeck.mjs', 'up', FIXTURE, '--name', labId], { env, timeout: 150_000 });

      const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
      const ui = new ConsolePage(page);
      const labs = new LabsPageObject(page);
      const dash = new DashboardPageObject(page);
      const opened = Date.now();
      await page.goto(served().url.replace(/#.*$/, '') + `#/labs/${labId}`);
      await dash.dashboard().waitFor({ timeout: 30_000 });

      // Prometheus needs a scrape or two before `up` has points.
      await expect.poll(() => dash.points('Service health (up)'), { timeout: 60_000, interval: 500 }).toBeGreaterThan(0);
      const firstChart = Date.now() - opened;
      await expect.poll(() => dash.points('Scrape duration'), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await dash.hasCanvas('Service health (up)')).toBe(true);
      // the overview covers the services the template scrapes: here the two exporters
      await expect.poll(() => dash.statText(TARGETS_UP), { timeout: 30_000 }).toBe('2');
      await expect.poll(() => dash.statText('Targets down'), { timeout: 30_000 }).toBe('0');
      await expect.poll(async () => (await dash.containers().getByRole('row').count()) - 1, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
      // network bytes from the engine's stats, next to CPU and memory
      await expect.poll(async () => (await dash.containers().getByRole('cell', { name: /^[\d.]+ ?[KMG]?i?B \/ [\d.]+ ?[KMG]?i?B$/ }).count()), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await dash.panelError('Service health (up)')).toBeNull();
      expect(await dash.panelError('Alerts')).toBeNull();

      // The chart keeps up as it refreshes, and a variable narrows it to one service.
      const before = await dash.points('Service health (up)');
      await expect.poll(() => dash.points('Service health (up)'), { timeout: 20_000 }).toBeGreaterThan(before);
      await dash.pick('Service', 'exporter');
      await expect.poll(() => dash.statText(TARGETS_UP), { timeout: 15_000 }).toBe('1');
      await dash.pick('Service', 'All');
      await expect.poll(() => dash.statText(TARGETS_UP), { timeout: 15_000 }).toBe('2');

      await page.screenshot({ path: 'test-results/dashboard.png', fullPage: true });
      // The charts draw again in the dark theme's colours (the console follows the system by default).
      await page.emulateMedia({ colorScheme: 'dark' });
      await expect.poll(() => ui.theme()).toBe('dark');
      await expect.poll(() => dash.points('Scrape duration')).toBeGreaterThan(0);
      await page.screenshot({ path: 'test-results/dashboard-dark.png', fullPage: true });
      process.stdout.write(`dashboard: first chart with points ${firstChart} ms after opening the lab page\n`);

      await labs.stop();
      await page.getByRole('heading', { name: 'Templates' }).waitFor({ timeout: 60_000 });
      expect(labResources(labId)).toEqual({ containers: [], networks: [], volumes: [] });
      expect(ui.errors).toEqual([]);
      await page.close();
    } finally {
      if (labResources(labId).containers.length) await run(process.execPath, ['bin/labdeck.mjs', 'down', labId], { env }).catch(() => undefined);
    }
  }, 300_000);
});
