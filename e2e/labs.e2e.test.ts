import { describe, expect, it } from 'vitest';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { labResources } from '../main/testing/docker-cli';
import { useConsole } from './launch-console';
import { ConsolePage } from './pages/console-page';
import { LabsPageObject } from './pages/labs-page';

const ready = (await hasDocker()) && hasBrowser();

describe.skipIf(!ready)('labs from the browser console', () => {
  const { served, browser } = useConsole();

  it('starts redis-streams, shows every service healthy, and stops it once Stop is confirmed (Escape cancels, Enter confirms)', async () => {
    const page = await browser().newPage({ viewport: { width: 1200, height: 800 } });
    const ui = new ConsolePage(page);
    const labs = new LabsPageObject(page);
    await page.goto(served().url);
    await labs.templateCard('Redis Streams').waitFor();
    await labs.start('redis-streams');
    // the start's progress is drawn on the card that was clicked, in view, not above the fold
    const progress = labs.templateCard('Redis Streams').getByRole('region', { name: /Starting redis-streams/ });
    await progress.waitFor();
    const box = await progress.boundingBox();
    expect(box && box.y >= 0 && box.y < 800, `progress drawn at ${JSON.stringify(box)}`).toBe(true);
    await labs.services().waitFor({ timeout: 120_000 });
    await expect.poll(() => page.url()).toMatch(/#\/labs\/redis-streams$/);
    await expect
      .poll(async () => Object.values(await labs.serviceStates()).every((s) => s === 'healthy'), { timeout: 60_000 })
      .toBe(true);
    const states = await labs.serviceStates();
    expect(Object.keys(states)).toEqual(expect.arrayContaining(['redis', 'producer', 'labdeck-prometheus']));
    expect(await labs.labState().textContent()).toBe('healthy');
    await page.screenshot({ path: 'test-results/lab-redis-streams.png' });

    // Stop asks first: focus on its confirming button, Escape puts Stop back (focused) and stops nothing
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Stop lab');
    expect(await labs.confirmation().getByText('Stop redis-streams and remove its containers?').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => labs.confirmation().count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stop');
    await page.waitForTimeout(1000);
    expect(await labs.labState().textContent()).toBe('healthy');
    await labs.stop(); // Enter on the confirming button
    await page.getByRole('heading', { name: 'Templates' }).waitFor();
    expect(labResources('redis-streams')).toEqual({ containers: [], networks: [], volumes: [] });
    expect(ui.errors).toEqual([]);
    await page.close();
  }, 240_000);
});
