import { describe, expect, it } from 'vitest';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useConsole } from './launch-console';
import { useLabPage } from './lab-page';
import { ConsolePage } from './pages/console-page';
import { TerminalsPageObject } from './pages/terminals-page';

const ready = (await hasDocker()) && hasBrowser();
const LAB = `e2e-reload-${process.pid}`;
const WEB = `web · ${LAB}`;

describe.skipIf(!ready)('a terminal survives a page reload', () => {
  const { served, browser } = useConsole();
  const labPage = useLabPage({ served, browser }, { template: 'loose-web', lab: LAB, viewport: { width: 1300, height: 900 } });

  it('the same shell answers after a reload (its variable, its pid), not exit 129', async () => {
    const page = labPage();
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
