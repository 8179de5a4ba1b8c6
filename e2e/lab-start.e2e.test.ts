import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { docker, labResources } from '../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { ConsolePage } from './pages/console-page';
import { LabsPageObject } from './pages/labs-page';

const run = promisify(execFile);
const ready = (await hasDocker()) && hasBrowser();
const FIXTURE = 'main/core/labs/fixtures/mini/compose.yaml';

describe.skipIf(!ready)('a lab the engine stopped, in the browser console', () => {
  const { served, browser } = useConsole();

  it('says why it stopped and comes back with one Start, its Prometheus link on the new port', async () => {
    const labId = `start-${Date.now().toString(36)}`;
    const env = { ...process.env, LABDECK_HOME: served().home };
    try {
      await run(process.execPath, ['bin/labdeck.mjs', 'up', FIXTURE, '--name', labId], { env, timeout: 150_000 });
      // what an engine restart leaves behind: every container of the lab stopped at once
      docker('stop', '-t', '2', ...labResources(labId).containers);

      const page = await browser().newPage({ viewport: { width: 1400, height: 1000 } });
      const ui = new ConsolePage(page);
      const labs = new LabsPageObject(page);
      await page.goto(served().url.replace(/#.*$/, '') + `#/labs/${labId}`);
      await expect.poll(() => labs.labState().textContent(), { timeout: 30_000 }).toBe('stopped');
      await expect.poll(() => labs.stoppedReason().textContent(), { timeout: 15_000 }).toMatch(/engine restarted/);

      await labs.startLabButton().click();
      await expect.poll(() => labs.labState().textContent(), { timeout: 90_000 }).toBe('healthy');
      const promLink = page.getByRole('link', { name: 'Prometheus' });
      const href = await promLink.getAttribute('href');
      const published = docker('port', `${labId}-labdeck-prometheus-1`, '9090/tcp').split('\n')[0];
      expect(href).toBe(`http://127.0.0.1:${published.split(':').at(-1)}`);
      await expect(labs.startLabButton().count()).resolves.toBe(0);
      expect(ui.errors).toEqual([]);
      await page.close();
    } finally {
      await run(process.execPath, ['bin/labdeck.mjs', 'down', labId], { env }).catch(() => undefined);
    }
  }, 300_000);
});
