import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labResources } from '../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { ConsolePage } from './pages/console-page';
import { LabsPageObject } from './pages/labs-page';

const ready = (await hasDocker()) && hasBrowser();
const NOTHING = { containers: [], networks: [], volumes: [] };

/** A user lab in the console's data folder, so it shows as a template card. */
function userLab(home: string, name: string, title: string, volume: string): void {
  mkdirSync(join(home, 'labs', name), { recursive: true });
  writeFileSync(
    join(home, 'labs', name, 'compose.yaml'),
    `x-labdeck:\n  title: ${title}\nservices:\n  cache:\n    image: redis:7.2\n    mem_limit: 64m\n    cpus: 0.5\n    volumes: ["${volume}"]\n    healthcheck: { test: ["CMD", "redis-cli", "ping"], interval: 1s, retries: 30 }\n`,
  );
}

describe.skipIf(!ready)('a template the owner has not trusted, in the browser console', () => {
  const { served, browser } = useConsole();

  it('lists its risks in a dialog; Cancel starts nothing, Trust and start runs it; a socket mount cannot be trusted here', async () => {
    const tag = Date.now().toString(36);
    const site = mkdtempSync(join(tmpdir(), 'labdeck-e2e-site-'));
    const name = `trust-e2e-${tag}`;
    const sock = `sock-e2e-${tag}`;
    userLab(served().home, name, 'Bind e2e lab', `${site}:/site:ro`);
    userLab(served().home, sock, 'Socket e2e lab', '/var/run/docker.sock:/var/run/docker.sock');
    const page = await browser().newPage({ viewport: { width: 1200, height: 900 } });
    const ui = new ConsolePage(page);
    const labs = new LabsPageObject(page);
    try {
      await page.goto(served().url);
      await labs.templateCard('Bind e2e lab').waitFor();

      await labs.start(name);
      await labs.trustDialog().waitFor();
      expect(await labs.risks()).toEqual([expect.stringContaining(`volumes: ${site}:/site:ro: mounts the host folder ${site}, read-only`)]);
      await page.screenshot({ path: 'test-results/trust-dialog.png' });
      await labs.cancelTrust();
      await expect.poll(() => labs.trustDialog().count()).toBe(0);
      expect(labResources(name)).toEqual(NOTHING);

      await labs.start(sock);
      await labs.trustDialog().waitFor();
      expect((await labs.risks()).join('\n')).toMatch(/Refused.*docker\.sock/);
      expect(await labs.trustDialog().getByRole('button', { name: 'Trust and start' }).isDisabled()).toBe(true);
      await labs.cancelTrust();
      expect(labResources(sock)).toEqual(NOTHING);

      await labs.start(name);
      await labs.trustAndStart();
      await labs.services().waitFor({ timeout: 120_000 });
      await expect.poll(async () => (await labs.serviceStates()).cache, { timeout: 60_000 }).toBe('healthy');
      await labs.stop();
      await page.getByRole('heading', { name: 'Templates' }).waitFor();
      expect(labResources(name)).toEqual(NOTHING);

      // Trusted now: Start goes straight to the engine, no dialog.
      await labs.start(name);
      await labs.services().waitFor({ timeout: 120_000 });
      expect(await labs.trustDialog().count()).toBe(0);
      await labs.stop();
      await page.getByRole('heading', { name: 'Templates' }).waitFor();
      expect(ui.errors).toEqual([]);
    } finally {
      await page.close();
      rmSync(site, { recursive: true, force: true });
    }
  }, 300_000);
});
