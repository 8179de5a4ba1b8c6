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
const ready = (await hasDocker()) && hasBrowser();

describe.skipIf(!ready)('stopping a service from the console', () => {
  const { served, browser } = useConsole();

  it('redis-streams: a stopped worker shows down on the dashboard within a few refreshes, on the timeline and as a chart annotation', async () => {
    const labId = `ev-${Date.now().toString(36)}`;
    const env = { ...process.env, LABDECK_HOME: served().home };
    const worker = `${labId}-worker-1`;
    try {
      await run(process.execPath, ['bin/labdeck.mjs', 'up', 'redis-streams', '--name', labId], { env, timeout: 150_000 });
      const page = await browser().newPage({ viewport: { width: 1400, height: 1200 } });
      const ui = new ConsolePage(page);
      const labs = new LabsPageObject(page);
      const dash = new DashboardPageObject(page);
      await page.goto(served().url.replace(/#.*$/, '') + `#/labs/${labId}`);

      // The lab opens on its own dashboard (not the generic overview), which draws: points in a chart, a number in a stat.
      const board = () => dash.dashboard('Redis Streams');
      await board().waitFor({ timeout: 30_000 });
      await expect.poll(async () => Number((await board().getByRole('region', { name: 'Pending per consumer', exact: true }).getAttribute('data-points')) ?? 0), { timeout: 60_000 }).toBeGreaterThan(0);
      await expect.poll(async () => ((await board().getByRole('region', { name: 'Stream length', exact: true }).getByTestId('stat-value').textContent()) ?? '').trim(), { timeout: 30_000 }).toMatch(/^\d/);

      expect(await page.getByRole('combobox', { name: 'Dashboard' }).inputValue()).not.toBe('overview');

      // Back to the overview, where targets and containers are: the pick is remembered for this lab across a reload.
      await page.getByRole('combobox', { name: 'Dashboard' }).selectOption({ index: 0 });
      await dash.dashboard().waitFor({ timeout: 30_000 });
      await page.reload();
      await dash.dashboard().waitFor({ timeout: 30_000 });
      expect(await page.getByRole('combobox', { name: 'Dashboard' }).inputValue()).toBe('overview');
      // stop one worker from its row
      await dash.pick('Refresh', '1s');
      await expect.poll(() => dash.statText('Targets down'), { timeout: 30_000 }).toBe('0');
      await labs.serviceAction('Stop', worker);
      await expect.poll(() => labs.serviceStates().then((s) => s['worker #1']), { timeout: 30_000 }).toMatch(/exited/);
      const stopped = Date.now();
      // Prometheus scrapes every 2 s; the dashboard refreshes every second.
      await expect.poll(() => dash.statText('Targets down'), { timeout: 30_000, interval: 500 }).toBe('1');
      process.stdout.write(`lab events: the dashboard showed the stopped worker down ${Date.now() - stopped} ms after its row did\n`);

      await expect.poll(() => labs.timelineEntries(), { timeout: 10_000 }).toEqual([expect.stringContaining(`${worker} stopped`)]);
      await expect.poll(() => page.locator('.dash-annotation.service-stopped').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await page.locator('.dash-annotation.service-stopped').first().getAttribute('title')).toContain(`${worker} stopped`);

      // A custom range ("last 10m") keeps the charts and their marks.
      await dash.pick('Range', 'Custom…');
      await dash.dashboard().getByRole('textbox', { name: 'Custom range' }).fill('10m');
      await dash.dashboard().getByRole('textbox', { name: 'Custom range' }).press('Enter');
      await expect.poll(() => dash.points('Service health (up)'), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.dash-annotation.service-stopped').count(), { timeout: 10_000 }).toBeGreaterThan(0);

      await labs.addNote('worker-1 stopped on purpose');
      await expect.poll(() => labs.timelineEntries()).toEqual([expect.stringContaining('worker-1 stopped on purpose'), expect.stringContaining(`${worker} stopped`)]);
      // WorkerDown fires 15 s after the worker's target goes down; the status bar polls every 5 s. `0 firing` is a failure.
      await expect.poll(() => labs.alertsInStatusBar().textContent(), { timeout: 60_000, interval: 1000 }).toMatch(new RegExp(`^${labId}: [1-9]\\d* firing \\(.*WorkerDown`));

      await labs.serviceAction('Start', worker);
      await expect.poll(() => dash.statText('Targets down'), { timeout: 30_000, interval: 500 }).toBe('0');
      await page.screenshot({ path: 'test-results/lab-events.png', fullPage: true });
      expect(ui.errors).toEqual([]);
      await page.close();
    } finally {
      await run(process.execPath, ['bin/labdeck.mjs', 'down', labId], { env }).catch(() => undefined);
    }
    expect(labResources(labId)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 300_000);
});
