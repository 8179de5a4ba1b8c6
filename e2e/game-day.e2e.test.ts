import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { docker } from '../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { useLabPage } from './lab-page';
import { useConsole } from './launch-console';
import { ConsolePage } from './pages/console-page';
import { GameDaysPageObject } from './pages/game-days-page';
import { HistoryPageObject } from './pages/history-page';
import { RunRoomPageObject } from './pages/run-room-page';
import { TerminalsPageObject } from './pages/terminals-page';

const ready = (await hasDocker()) && hasBrowser();
const LAB = `e2e-gd-${process.pid}`;

/** A scenario of the test's own (in the data folder's scenarios): a manual fault a facilitator injects. */
const FROZEN = `apiVersion: labdeck.dev/v1
kind: Scenario
metadata:
  name: e2e-frozen-producer
  title: The producer froze
  lab: redis-streams
  difficulty: beginner
  duration: 10m
  tags: [e2e]
briefing: |
  New orders stop arriving. Find out **why**.
steadyState:
  probes:
    - { name: producer running, type: container, target: { service: producer }, state: running }
faults:
  - { id: freeze, manual: true, target: { service: producer }, action: pause, description: the producer is frozen }
  - { id: later, at: 9m, target: { service: worker, replica: 2 }, action: stop, description: a worker dies late }
tasks:
  - id: thaw
    prompt: Get the producer running again.
    hints: [{ text: 'Look at the containers.', cost: 1 }]
    check: { name: producer running, type: container, target: { service: producer }, state: running }
    solution: Unpause the producer.
verify:
  - { name: producer running, type: container, target: { service: producer }, state: running }
`;

describe.skipIf(!ready)('game days in the browser console', () => {
  const { served, browser } = useConsole();
  let page: Page;
  let ui: ConsolePage;
  let room: RunRoomPageObject;
  let picker: GameDaysPageObject;
  const base = () => served().url.split('?')[0];

  const labPage = useLabPage({ served, browser }, {
    template: 'redis-streams',
    lab: LAB,
    viewport: { width: 1400, height: 1100 },
    before: () => {
      mkdirSync(join(served().home, 'scenarios'), { recursive: true });
      writeFileSync(join(served().home, 'scenarios', 'e2e-frozen-producer.yaml'), FROZEN);
    },
  });
  beforeAll(() => {
    page = labPage();
    ui = new ConsolePage(page);
    room = new RunRoomPageObject(page);
    picker = new GameDaysPageObject(page);
  });

  it('learner: redis-worker-crash in training, the fault seen, reclaimed in a recorded terminal, checked, finished, scored, reported', async () => {
    const started = Date.now();
    await page.goto(`${base()}#/game-days`);
    await picker.start('redis-worker-crash', 'A worker died between XREADGROUP and XACK', { mode: 'training', speed: '×2', lab: LAB });
    await page.waitForURL(/#\/game-days\/[A-Za-z0-9-]+$/);
    const runId = room.runId();
    await expect.poll(() => room.briefing().textContent()).toMatch(/02:14, orders are late\./);
    await expect.poll(() => room.state(), { timeout: 60_000 }).toBe('Running');

    // the faults show on the timeline (training) and as annotations on the lab's dashboard, without saying which fault
    await expect.poll(() => room.timeline(), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/A fault was injected/));
    expect(await room.timeline()).not.toContainEqual(expect.stringMatching(/Fault dies|worker 1 is gone/));
    await expect.poll(() => page.locator('.dash-annotation.fault-injected').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    expect(await page.locator('.dash-annotation.fault-injected').first().getAttribute('title')).not.toMatch(/dies|worker 1/);
    await room.button('Detected').click();
    await expect.poll(() => room.button(/^Detected at \+\d+:\d\d$/).count()).toBe(1);

    // a check before the fix fails and says why; a hint costs a point
    expect(await room.checkOnce('reclaim')).toMatch(/^\s*Not yet/);
    await room.task('reclaim').getByRole('button', { name: 'Reveal hint 1 of 3' }).click();
    await expect.poll(() => room.hints('reclaim').allTextContents()).toEqual([expect.stringMatching(/XPENDING orders workers.*cost 1/)]);

    // the fix, typed into a terminal of the dock (recorded with the run)
    const terms = new TerminalsPageObject(page);
    const REDIS = `redis · ${LAB}`;
    await room.openShell(`${LAB}-redis-1`);
    await expect.poll(() => terms.status(REDIS).textContent(), { timeout: 15_000 }).toBe('Connected');
    await terms.type(REDIS, 'redis-cli XINFO CONSUMERS orders workers | paste - - - - - -');
    await expect.poll(() => terms.screen(REDIS)).toContain(`${LAB}-worker-2`);
    await terms.type(REDIS, `redis-cli XAUTOCLAIM orders workers ${LAB}-worker-2 0 0-0 COUNT 1000 | head -1`);
    await expect.poll(() => terms.screen(REDIS)).toMatch(/^0-0$/m);
    // the live worker finishes its own pending entries when it starts; worker 1 comes back for the steady state
    const services = page.getByRole('region', { name: 'Lab services' });
    await services.getByRole('button', { name: `Restart ${LAB}-worker-2`, exact: true }).click();
    await services.getByRole('button', { name: `Start ${LAB}-worker-1`, exact: true }).click();
    await expect.poll(() => room.checkOnce('reclaim'), { timeout: 90_000, interval: 1000 }).toMatch(/^\s*Passed/);
    await page.screenshot({ path: 'test-results/game-day-room.png', fullPage: true });
    await room.addNote('scribe', 'reclaimed with XAUTOCLAIM, restarted worker 2');
    await expect.poll(() => room.timeline()).toContainEqual(expect.stringContaining('scribereclaimed with XAUTOCLAIM'));

    await room.button('Finish').click();
    await expect.poll(() => room.state(), { timeout: 60_000 }).toMatch(/^(Passed|Failed)$/);
    const rows = await room.verdicts().allTextContents();
    expect(await room.state(), rows.join('\n')).toBe('Passed');
    // once the run is over, the timeline tells which fault it was
    expect(await room.timeline()).toContainEqual(expect.stringMatching(/Fault dies: stop on worker, worker 1 is gone/));
    expect(await room.score()).toMatch(/^\d+ \/ 100$/);
    expect(rows.some((r) => /verify.*no order lost/.test(r))).toBe(true);
    await expect(room.result().getByLabel('Time to detect').textContent()).resolves.toMatch(/\d/);
    await room.result().getByRole('textbox', { name: 'Action items' }).fill('alert on pending entries older than 1 min\nclaim loop on by default');
    await room.button('Save action items').click();
    await expect.poll(() => room.result().getByRole('status').textContent()).toMatch(/2 action items saved/);
    await room.button('Open the report').click();
    await expect.poll(() => room.report().textContent(), { timeout: 15_000 }).toMatch(/A worker died between XREADGROUP and XACK: passed.*Checks.*verify\s*no order lost/s);

    // History: the run, its recorded terminal
    await page.goto(`${base()}#/history/${runId}`);
    await expect.poll(() => page.getByRole('table', { name: 'Recorded terminals' }).getByRole('row').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await expect(page.getByRole('region', { name: 'Action items' }).textContent()).resolves.toContain('claim loop on by default');
    process.stderr.write(`game-day e2e: learner flow in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    await page.screenshot({ path: 'test-results/game-day-learner.png', fullPage: true });
    expect(ui.errors).toEqual([]);
  }, 180_000);

  it('facilitator: a manual fault injected by hand, hidden from the responder, reverted by Abort (checked through docker)', async () => {
    const started = Date.now();
    const producer = `${LAB}-producer-1`;
    const paused = () => docker('inspect', '-f', '{{.State.Paused}}', producer);
    await page.goto(`${base()}#/game-days`);
    await picker.start('e2e-frozen-producer', 'The producer froze', { mode: 'facilitated', lab: LAB });
    await page.waitForURL(/#\/game-days\/[A-Za-z0-9-]+$/);
    await expect.poll(() => room.state(), { timeout: 60_000 }).toBe('Running');
    await expect.poll(() => room.faultStatus('freeze')).toBe('pending');
    await expect.poll(() => room.faultStatus('later')).toBe('pending');

    // pause stops the clock, extend adds to the limit, a solution is revealed by the facilitator
    const timer = page.getByRole('timer', { name: 'Run timer' });
    await room.facilitator().getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => room.state()).toBe('Paused');
    const still = await timer.textContent();
    await page.waitForTimeout(1500);
    expect(await timer.textContent()).toBe(still);
    await room.facilitator().getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => room.state()).toBe('Running');
    await room.facilitator().getByRole('combobox', { name: 'Minutes to extend' }).selectOption('5');
    await room.facilitator().getByRole('button', { name: 'Extend' }).click();
    await expect.poll(() => timer.textContent()).toMatch(/\/ 15:00$/);
    await room.facilitator().getByRole('button', { name: 'Reveal solution of thaw' }).click();
    await expect.poll(() => room.task('thaw').getByRole('region', { name: 'Solution of thaw' }).textContent()).toContain('Unpause the producer.');

    await room.facilitator().getByRole('button', { name: 'Skip later' }).click();
    await expect.poll(() => room.faultStatus('later')).toMatch(/^skipped/);
    await room.facilitator().getByRole('button', { name: 'Inject freeze now' }).click();
    await expect.poll(() => room.faultStatus('freeze'), { timeout: 20_000 }).toBe('applied');
    expect(paused()).toBe('true');
    await expect.poll(() => room.timeline()).toContainEqual(expect.stringMatching(/Fault freeze: pause on producer.*injected by the facilitator/));
    // the responder sees neither the faults nor the facilitator's controls
    await page.getByRole('combobox', { name: 'Role in the room' }).selectOption('responder');
    await expect.poll(() => room.facilitator().count()).toBe(0);
    await expect.poll(() => page.getByText('The faults are withheld from the responder').count()).toBe(1);
    expect(await room.timeline()).not.toContainEqual(expect.stringMatching(/Fault freeze/));
    await page.getByRole('combobox', { name: 'Role in the room' }).selectOption('facilitator');

    // someone watching through the read-only observer link: the room, without faults or controls
    const watcher = await browser().newPage({ viewport: { width: 1400, height: 1100 } });
    await watcher.goto(`${served().observerUrl()}#/game-days/${room.runId()}`);
    const watched = new RunRoomPageObject(watcher);
    await expect.poll(() => watched.state(), { timeout: 20_000 }).toBe('Running');
    await expect.poll(() => watcher.getByText('The faults are withheld from the observer').count()).toBe(1);
    expect(await watched.facilitator().count()).toBe(0);
    expect(await watcher.getByRole('button', { name: /^Check /, disabled: false }).count()).toBe(0); // shown, not usable
    expect(await watched.timeline()).not.toContainEqual(expect.stringMatching(/Fault freeze/));
    await watcher.close();

    await expect.poll(() => room.timeline()).toContainEqual(expect.stringMatching(/Fault freeze/));

    // the run in progress is reachable from the Game days page, and the room catches up on return
    const runId = room.runId();
    await page.screenshot({ path: 'test-results/game-day-facilitator.png' });
    await ui.open('Game days');
    await picker.inProgress().getByRole('link', { name: 'The producer froze' }).click();
    await expect.poll(() => room.runId()).toBe(runId);
    await expect.poll(() => room.faultStatus('freeze'), { timeout: 20_000 }).toBe('applied');

    await room.facilitator().getByRole('textbox', { name: 'Abort reason' }).fill('the room lost power');
    await room.abort();
    await expect.poll(() => room.state(), { timeout: 30_000 }).toBe('Aborted');
    await expect.poll(() => room.result().textContent()).toContain('the room lost power');
    expect(paused()).toBe('false');
    expect(docker('inspect', '-f', '{{.State.Status}}', producer)).toBe('running');
    process.stderr.write(`game-day e2e: facilitator flow in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    expect(ui.errors).toEqual([]);
  }, 180_000);

  it('history: two runs of one scenario compared side by side, a journal exported, a run deleted', async () => {
    const history = new HistoryPageObject(page);
    // a second run of the frozen producer, aborted at once
    await page.goto(`${base()}#/game-days`);
    await picker.start('e2e-frozen-producer', 'The producer froze', { mode: 'facilitated', lab: LAB });
    await page.waitForURL(/#\/game-days\/[A-Za-z0-9-]+$/);
    const second = room.runId();
    await expect.poll(() => room.state(), { timeout: 60_000 }).toBe('Running');
    await room.abort();
    await expect.poll(() => room.state(), { timeout: 30_000 }).toBe('Aborted');

    await page.goto(`${base()}#/history`);
    await expect.poll(() => history.rows().count(), { timeout: 15_000 }).toBe(3);
    const frozen = await history.runIds('The producer froze');
    expect(frozen).toHaveLength(2);
    const learner = (await history.runIds('A worker died between XREADGROUP and XACK'))[0];
    await history.pick(learner);
    await history.pick(frozen[0]);
    await expect(history.compareButton().isDisabled()).resolves.toBe(true);
    await expect(page.getByText(/Runs of different scenarios/).count()).resolves.toBe(1);
    await history.pick(frozen[1]); // keeps the last two picked
    await history.compareButton().click();
    const table = page.getByRole('table', { name: 'Compare runs' });
    await expect.poll(() => table.getByRole('row').count()).toBe(8);
    expect(await table.getByRole('row').filter({ hasText: /^Result/ }).textContent()).toBe('ResultAbortedAborted');

    await page.goto(`${base()}#/history/${second}`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON journal' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^e2e-frozen-producer-\\d{4}-\\d{2}-\\d{2}-${second}\\.journal\\.json$`));
    const journal = JSON.parse(await streamText(await file.createReadStream())) as unknown;
    expect(JSON.stringify(journal)).toContain(second);
    expect(JSON.stringify(journal)).toContain('aborted');
    await page.getByRole('button', { name: 'Delete run' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete for good' }).click();
    await page.waitForURL(/#\/history$/);
    await expect.poll(() => history.rows().count()).toBe(2);
    expect(await history.runIds('The producer froze')).not.toContain(second);
    expect(ui.errors).toEqual([]);
  }, 120_000);
});

async function streamText(s: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
