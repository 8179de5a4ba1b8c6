import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { findExecutable } from '../main/core/system/find-executable';
import { ConsolePage, NAV } from './pages/console-page';
import { GameDaysPageObject } from './pages/game-days-page';

const ready = (await hasDocker()) && hasBrowser();

describe.skipIf(!ready)('browser console against the real engine', () => {
  const { served, browser } = useConsole();

  it('shows the version of the engine that is really running', async () => {
    const page = await browser().newPage({ viewport: { width: 1200, height: 720 } });
    const ui = new ConsolePage(page);
    await page.goto(served().url);
    const expected = execFileSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
    expect(await ui.engineVersion()).toBe(expected);
    await expect.poll(() => page.url()).not.toContain('code=');
    await page.getByRole('article', { name: 'Redis Streams' }).waitFor();
    // The running labs have loaded (none, or whatever else runs on this engine: the test does not own it).
    await expect.poll(() => page.getByRole('region', { name: 'Running labs' }).getByText('Looking for running labs…').count(), { timeout: 30_000 }).toBe(0);
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: process.env.LABDECK_UPDATE_SCREENSHOT === '1' ? 'docs/screenshot.png' : 'test-results/console.png' });
    expect(ui.errors).toEqual([]);
    await page.close();
  });

  it('navigates to every page, each with its heading and a next step', async () => {
    const page = await browser().newPage();
    const ui = new ConsolePage(page);
    await page.goto(served().url);
    for (const name of NAV) {
      await ui.open(name);
      expect(await ui.nav(name).getAttribute('aria-current')).toBe('page');
      expect(page.url()).toMatch(new RegExp(`#/${name.toLowerCase().replace(' ', '-')}$`));
    }
    await ui.open('Game days');
    await page.getByRole('button', { name: 'Go to Labs' }).click();
    await expect.poll(() => ui.heading().textContent()).toBe('Labs');
    expect(ui.errors).toEqual([]);
    await page.close();
  });

  it('Game days: a search typed from the keyboard narrows the scenarios; a cluster scenario without k3d is shown disabled, saying why', async () => {
    const page = await browser().newPage({ viewport: { width: 1366, height: 768 } });
    const ui = new ConsolePage(page);
    const picker = new GameDaysPageObject(page);
    await page.goto(served().url);
    await page.getByRole('article', { name: 'Redis Streams' }).waitFor({ timeout: 30_000 });
    await ui.open('Game days');
    const cards = page.getByRole('group', { name: 'Scenarios' }).getByRole('article');
    await picker.scenario('A worker died between XREADGROUP and XACK').waitFor({ timeout: 15_000 });
    const total = await cards.count();
    expect(total).toBeGreaterThan(10);

    // k3d is not on this machine's PATH (nor in CI): the cluster scenarios stay listed, not startable, and say why
    const oom = picker.scenario('OOMKilled under its memory limit');
    if (!(await findExecutable('k3d'))) {
      await expect(oom.getByText('needs k3d: not installed').count()).resolves.toBe(1);
      const start = oom.getByRole('button', { name: 'Start training: k8s-oomkilled' });
      expect(await start.isDisabled()).toBe(true);
      expect(await start.getAttribute('aria-describedby')).toBe(await oom.getByText('needs k3d: not installed').getAttribute('id'));
      expect(await picker.scenario('A worker died between XREADGROUP and XACK').getByRole('button', { name: 'Start training: redis-worker-crash' }).isDisabled()).toBe(false);
    }

    // the search field is reached and used with the keyboard alone
    const search = page.getByRole('searchbox', { name: 'Search scenarios' });
    await search.focus();
    await page.keyboard.type('redis');
    await expect.poll(() => cards.count()).toBeLessThan(total);
    const titles = await cards.getByRole('heading').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['A worker died between XREADGROUP and XACK', 'A stream without MAXLEN eats Redis\'s memory']));
    expect(titles).not.toContain('OOMKilled under its memory limit');
    expect(await page.getByRole('search').getByRole('status').textContent()).toBe(`${titles.length} of ${total} scenarios`);
    await page.keyboard.type(' banana');
    await expect.poll(() => cards.count()).toBe(0);
    expect(await page.getByRole('search').getByRole('status').textContent()).toBe('No scenario matches "redis banana"');
    await page.keyboard.press('Escape');
    await expect.poll(() => cards.count()).toBe(total);
    expect(ui.errors).toEqual([]);
    await page.close();
  });

  it('keeps the chosen theme across a reload (saved in SQLite, not the browser)', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    const ui = new ConsolePage(page);
    await page.goto(served().url);
    await ui.setTheme('Dark');
    await expect.poll(() => ui.theme()).toBe('dark');
    await ui.setTheme('Light');
    await expect.poll(() => ui.theme()).toBe('light');
    await page.reload();
    await expect.poll(() => ui.theme()).toBe('light');
    expect(ui.errors).toEqual([]);
    await context.close();
  });

  it('uses the engine endpoint picked in Settings, and says where it looked when none answers', async () => {
    const page = await browser().newPage();
    const ui = new ConsolePage(page);
    await page.goto(served().url);
    await ui.engineVersion();
    await ui.pickEndpoint('unix:///nonexistent/labdeck-e2e.sock');
    await ui.engineStatus().filter({ hasText: 'No container engine' }).waitFor();
    await ui.open('Labs');
    await page.getByRole('alert', { name: 'No container engine' }).getByText('absent: unix:///nonexistent/labdeck-e2e.sock', { exact: false }).waitFor({ state: 'attached' });
    await page.reload();
    await ui.engineStatus().filter({ hasText: 'No container engine' }).waitFor();
    await ui.pickEndpoint(null);
    // discovery again: every candidate is asked (15 s each at most), slower on a loaded CI machine
    expect(await ui.engineVersion(45_000)).toMatch(/\d+\.\d+/);
    await page.close();
  });

  it('without its link, the page says so and the API answers 401', async () => {
    const context = await browser().newContext();
    const page = await context.newPage();
    await page.goto(served().base);
    await page.getByRole('alert').getByText('This console needs its link', { exact: false }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/settings.get', { method: 'POST', body: '{}' })).status);
    expect(status).toBe(401);
    await context.close();
  });
});
