import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useLabPage } from './lab-page';
import { useConsole } from './launch-console';
import { GameDaysPageObject } from './pages/game-days-page';
import { RunRoomPageObject } from './pages/run-room-page';
import { TerminalsPageObject } from './pages/terminals-page';

const ready = (await hasDocker()) && hasBrowser();
const LAB = `room-ws-${process.pid}`;
const VIEWPORT = { width: 1366, height: 768 };

/** Wholly inside the viewport, as the user sees it without scrolling. */
async function onScreen(l: Locator): Promise<boolean> {
  const b = await l.boundingBox();
  return !!b && b.width > 0 && b.height > 0 && b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEWPORT.width && b.y + b.height <= VIEWPORT.height;
}

/**
 * A new user on a laptop screen plays redis-worker-crash in training mode, doing only what the page
 * tells them: the briefing's shell is already open beside the tasks, the hints say what to type and
 * which button to press, a Check that retries shows its attempts, and the run passes.
 */
describe.skipIf(!ready)('the run room as a workspace, on a laptop screen', () => {
  const { served, browser } = useConsole();
  const labPage = useLabPage({ served, browser }, { template: 'redis-streams', lab: LAB, viewport: VIEWPORT });

  it('redis-worker-crash, training: task, Check and the briefed shell on screen together; the hints are enough to pass', async () => {
    const page = labPage();
    const room = new RunRoomPageObject(page);
    const terms = new TerminalsPageObject(page);
    await page.goto(`${served().base}#/game-days`);
    await new GameDaysPageObject(page).start('redis-worker-crash', 'A worker died between XREADGROUP and XACK', { mode: 'training', speed: '×2', lab: LAB });
    await page.waitForURL(/#\/game-days\/[A-Za-z0-9-]+$/);
    await expect.poll(() => room.state(), { timeout: 60_000 }).toBe('Running');
    await expect.poll(() => room.briefing().textContent()).toMatch(/You have a shell in redis/);

    // the shell the briefing promises is open already, in the dock beside the tasks
    const REDIS = `redis · ${LAB}`;
    await expect.poll(() => terms.status(REDIS).textContent(), { timeout: 20_000 }).toBe('Connected');
    const task = room.task('reclaim');
    const check = task.getByRole('button', { name: 'Check reclaim' });
    const prompt = task.getByText('Find the entries nobody will ever ack');
    const shell = terms.pane(REDIS);
    expect({ prompt: await onScreen(prompt), check: await onScreen(check), shell: await onScreen(shell) }).toEqual({ prompt: true, check: true, shell: true });
    await page.screenshot({ path: 'test-results/run-room-workspace.png' });

    // the learner looks first (as the briefing says): entries pending, so the crash has hit; a Check
    // before that would pass on a stream nothing has gone wrong with yet
    await expect
      .poll(async () => {
        await terms.type(REDIS, 'redis-cli XPENDING orders workers | head -1');
        return terms.screen(REDIS);
      }, { timeout: 90_000, interval: 3000 })
      .toMatch(/^[1-9]\d*\s*$/m);

    // a Check before the fix retries, and says which attempt it is on and what it saw
    await check.click();
    const progress = task.getByRole('status', { name: 'Check progress of reclaim' });
    // what the learner reads while it waits (kept as it changes: the line goes once the check decides)
    const seen = new Set<string>();
    await expect
      .poll(async () => {
        const t = await progress.textContent({ timeout: 200 }).catch(() => null);
        if (t) seen.add(t);
        return [...seen].some((x) => /Checking · attempt \d+ · \d+ s of \d+ s.*XPENDING orders workers/s.test(x));
      }, { timeout: 40_000, interval: 100 })
      .toBe(true);
    await expect.poll(() => room.checkResult('reclaim').textContent(), { timeout: 60_000 }).toMatch(/^\s*Not yet/);

    // the hints, one at a time, are the learner's only guide
    for (const n of [1, 2, 3]) await task.getByRole('button', { name: `Reveal hint ${n} of 3` }).click();
    await expect.poll(() => room.hints('reclaim').count()).toBe(3);
    const hints = (await room.hints('reclaim').allTextContents()).join('\n');
    expect(hints).toMatch(/XPENDING orders workers/);
    expect(hints).toMatch(/XINFO CONSUMERS orders workers.*XAUTOCLAIM orders workers <live consumer> 0 0-0 COUNT 100/s);
    await terms.type(REDIS, 'redis-cli XPENDING orders workers');
    await expect.poll(() => terms.screen(REDIS)).toContain(`${LAB}-worker-1`);
    // hint 2: the consumers by name; the dead one holds the entries, the other is live
    await terms.type(REDIS, 'redis-cli XINFO CONSUMERS orders workers');
    await expect.poll(() => terms.screen(REDIS)).toContain(`${LAB}-worker-2`);
    await terms.type(REDIS, `redis-cli XAUTOCLAIM orders workers ${LAB}-worker-2 0 0-0 COUNT 100`);
    await expect.poll(() => terms.screen(REDIS)).toMatch(/1\) "0-0"/);
    // hint 3: the live worker finishes its own pending entries when it starts
    const services = page.getByRole('region', { name: 'Lab services' });
    await services.getByRole('button', { name: `Restart ${LAB}-worker-2`, exact: true }).click();
    await expect.poll(() => room.checkOnce('reclaim', 60_000), { timeout: 120_000, interval: 1000 }).toMatch(/^\s*Passed/);

    // the second task: worker 1 back, as its hint says
    const second = room.task('restart-worker');
    await second.getByRole('button', { name: 'Reveal hint 1 of 1' }).click();
    await expect.poll(() => room.hints('restart-worker').allTextContents()).toEqual([expect.stringMatching(/Lab services.*Start button.*worker #1/)]);
    await services.getByRole('button', { name: `Start ${LAB}-worker-1`, exact: true }).click();
    await expect.poll(() => room.checkOnce('restart-worker', 60_000), { timeout: 90_000, interval: 1000 }).toMatch(/^\s*Passed/);

    await room.button('Finish').click();
    await expect.poll(() => room.state(), { timeout: 90_000 }).toMatch(/^(Passed|Failed)$/);
    const rows = await room.verdicts().allTextContents();
    expect(await room.state(), rows.join('\n')).toBe('Passed');
    expect(rows.some((r) => /steady-state-after.*both workers up/.test(r))).toBe(true);
  }, 420_000);
});
