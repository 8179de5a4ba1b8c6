import { execFileSync } from 'node:child_process';
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { createGunzip } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { extract } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SESSION_STORAGE_KEY, wsProtocols } from '../main/api/console-auth';
import { terminalSocketPath } from '../main/api/terminal-wire';
import { docker, labResources } from '../main/testing/docker-cli';
import { hasBrowser, hasDocker } from '../main/testing/requirements';
import { launchChromium, startServe, type RunningConsole } from './launch-console';
import { ClassBoardPage, contextApi, SeatBannerPart } from './pages/class-pages';
import { GameDaysPageObject } from './pages/game-days-page';
import { RunRoomPageObject } from './pages/run-room-page';
import { TerminalsPageObject } from './pages/terminals-page';

const ready = (await hasDocker()) && hasBrowser();
const CLASS = `e2e-cls-${process.pid % 100_000}`;
const SCENARIO = 'redis-worker-crash';
const TITLE = 'A worker died between XREADGROUP and XACK';
const VIEWPORT = { width: 1400, height: 1000 };

interface Seat {
  id: string;
  link: string;
  context: BrowserContext;
  page: Page;
  token: string;
  lab: string;
  runId?: string;
}

/** The SHA-256 fingerprint of the certificate the server presents, read before anything trusts it. */
const presentedFingerprint = (origin: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const u = new URL(origin);
    const s = connect({ host: u.hostname, port: Number(u.port), rejectUnauthorized: false }, () => {
      resolve(s.getPeerCertificate().fingerprint256);
      s.end();
    });
    s.once('error', reject);
  });

/** Waits (outside a test, where expect.poll is not allowed) until `f` gives something truthy. */
async function until<T>(f: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`no ${what} in ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * page.goto, again when Chromium drops the load with ERR_NETWORK_CHANGED: it does whenever the host's
 * interfaces change, which a lab's new bridge network (ours or another engineer's) does.
 */
async function open(page: Page, url: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      // the same address with a hash is no navigation at all: load it again
      if (page.url() === url) await page.reload();
      else await page.goto(url);
      return;
    } catch (err) {
      if (i >= 4 || !/ERR_NETWORK_CHANGED|chrome-error/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Entry names (and the text of the CSV) of a .tar.gz. */
async function archive(file: string): Promise<{ names: string[]; csv: string }> {
  const names: string[] = [];
  let csv = '';
  const x = extract();
  x.on('entry', (h, stream, next) => {
    names.push(h.name);
    const parts: Buffer[] = [];
    stream.on('data', (d) => parts.push(d as Buffer));
    stream.on('end', () => {
      if (h.name.endsWith('scores.csv')) csv = Buffer.concat(parts).toString('utf8');
      next();
    });
  });
  await new Promise<void>((resolve, reject) => createReadStream(file).pipe(createGunzip()).pipe(x).on('finish', () => resolve()).on('error', reject));
  return { names, csv };
}

/**
 * A class of three seats in three browser contexts, over HTTPS with the self-signed certificate
 * `serve --class --tls` makes: each seat starts its own redis-streams lab and a training run of
 * redis-worker-crash; the trainer's board, watch, broadcast, revoke and export are seen from both
 * sides. The labs start in parallel (3 labs on a shared 2-core machine: the slowest part).
 */
describe.skipIf(!ready)('a classroom of three seats, over HTTPS', () => {
  let served: RunningConsole;
  let browser: Browser;
  let origin: string;
  let ca: Buffer;
  let trainer: Page;
  let board: ClassBoardPage;
  let owner: ReturnType<typeof contextApi>;
  const seats: Seat[] = [];

  beforeAll(async () => {
    served = await startServe({}, {
      args: ['--class', CLASS, '--tls'],
      before: (home) => {
        execFileSync(process.execPath, ['bin/labdeck.mjs', 'class', 'create', CLASS, '--course', SCENARIO, '--seats', '3', '--minutes', '60'], { env: { ...process.env, LABDECK_HOME: home }, stdio: 'pipe' });
      },
    });
    origin = new URL(served.base).origin;
    expect(origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // the fingerprint printed is the one the server presents; only then are its pages trusted
    const printed = (await until(() => /SHA-256 fingerprint: (\S+)/.exec(served.output()), 'fingerprint printed'))[1];
    expect(await presentedFingerprint(origin)).toBe(printed);
    ca = readFileSync(join(served.home, 'tls', 'console-cert.pem'));
    const seatLinks = () => [...served.output().matchAll(/^Seat (\S+): (https:\/\/\S+)$/gm)].map((m) => ({ id: m[1], link: m[2] }));
    const links = await until(() => seatLinks().length === 3 && seatLinks(), 'three seat links');
    browser = await launchChromium();

    const tctx = await browser.newContext({ ignoreHTTPSErrors: true, viewport: VIEWPORT });
    trainer = await tctx.newPage();
    trainer.on('dialog', (d) => void d.accept());
    await open(trainer, `${served.url}#/classes/${CLASS}`);
    board = new ClassBoardPage(trainer);
    await board.board().waitFor({ timeout: 30_000 });
    expect(await trainer.getByText(printed).count()).toBe(1); // the fingerprint on the class page
    owner = contextApi(tctx.request, origin, served.token);
    // the capacity plan, in numbers, before the class starts
    const plan = await until(async () => (await trainer.getByRole('region', { name: 'Capacity' }).textContent().catch(() => null)) ?? '', 'the capacity plan');
    expect(plan).toMatch(/3 seat\(s\) × 768 MiB and 2 CPU per lab = 2304 MiB and 6 CPU/);
    await trainer.getByRole('button', { name: 'Start class' }).click();
    await trainer.getByRole('button', { name: 'Start class' }).waitFor({ state: 'detached', timeout: 15_000 });

    for (const { id, link } of links) {
      const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: VIEWPORT });
      const page = await context.newPage();
      // the lab an earlier seat's join started makes networks, which can cut this page's load: open the link again
      for (let i = 0; ; i++) {
        await open(page, link);
        const shown = await new SeatBannerPart(page).banner().waitFor({ timeout: 15_000 }).then(() => true, () => false);
        if (shown) break;
        if (i >= 3) throw new Error(`seat ${id}: no class banner after ${i + 1} loads`);
      }
      const token = (await page.evaluate((k) => sessionStorage.getItem(k), SESSION_STORAGE_KEY))!;
      seats.push({ id, link, context, page, token, lab: `${id}-redis-streams` });
    }
    // the three labs start at once, each when its seat joined
    const t0 = Date.now();
    await Promise.all(
      seats.map(async (s) => {
        // not pre-warmed: the seat's lab started when its trainee opened the link
        const api = contextApi(s.context.request, origin, s.token);
        const end = Date.now() + 240_000;
        for (;;) {
          const labs = (await api<{ labId: string; state: string }[]>('labs.list')).result ?? [];
          const mine = labs.find((l) => l.labId === s.lab);
          if (mine?.state === 'healthy') break;
          if (Date.now() > end) throw new Error(`${s.lab} not healthy in 240 s: ${mine?.state}`);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }),
    );
    // every container of a seat's lab carries a memory and CPU limit (the template's or a share of its budget)
    for (const s of seats) {
      const ids = docker('ps', '-q', '--filter', `label=io.labdeck.lab=${s.lab}`).split('\n').filter(Boolean);
      expect(ids.length).toBe(6);
      const limits = docker('inspect', '-f', '{{.Name}} {{.HostConfig.Memory}} {{.HostConfig.NanoCpus}}', ...ids).split('\n');
      for (const l of limits) expect(l, l).toMatch(/^\/\S+ [1-9]\d* [1-9]\d*$/);
    }
    // the labs' new networks may have cut the pages' connections: each tab loads again (its session is kept)
    await open(trainer, `${origin}/#/classes/${CLASS}`);
    await board.board().waitFor({ timeout: 30_000 });
    process.stderr.write(`classroom e2e: three labs healthy in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  }, 400_000);

  afterAll(async () => {
    if (owner) await owner('classes.end', { name: CLASS }).catch(() => undefined); // removes the seats' labs
    await browser?.close();
    await served?.stop();
    for (const s of seats) expect(labResources(s.lab)).toEqual({ containers: [], networks: [], volumes: [] });
  }, 120_000);

  it('three seats play; the board shows a passed check within 2 s; a seat is held to its own lab', async () => {
    const [a, b] = seats;
    // each seat starts the scenario in training on its own lab, from its Game days page
    await Promise.all(
      seats.map(async (s) => {
        const picker = new GameDaysPageObject(s.page);
        for (let i = 0; ; i++) {
          await open(s.page, `${origin}/#/game-days`);
          if (await picker.scenario(TITLE).waitFor({ timeout: 15_000 }).then(() => true, () => false)) break;
          if (i >= 3) throw new Error(`seat ${s.id}: no ${SCENARIO} card after ${i + 1} loads`);
        }
        await picker.start(SCENARIO, TITLE, { mode: 'training', lab: s.lab });
        await s.page.waitForURL(/#\/game-days\/[A-Za-z0-9-]+$/);
        const room = new RunRoomPageObject(s.page);
        s.runId = room.runId();
        await expect.poll(() => room.state(), { timeout: 60_000 }).toBe('Running');
      }),
    );
    await expect.poll(async () => Promise.all(seats.map((s) => board.cell(s.id, 1))), { timeout: 10_000 }).toEqual([expect.stringMatching(/^in progress/), expect.stringMatching(/^in progress/), expect.stringMatching(/^in progress/)]);

    // seat A brings worker 1 back and passes that check; the trainer's board shows it within 2 s
    const roomA = new RunRoomPageObject(a.page);
    // a training timeline does not name the fault (issue 15); worker 1 gone shows as the steady state broken
    await expect.poll(() => roomA.timeline(), { timeout: 90_000 }).toContainEqual(expect.stringMatching(/Steady state broken: both workers up/));
    await a.page.getByRole('region', { name: 'Lab services' }).getByRole('button', { name: `Start ${a.lab}-worker-1`, exact: true }).click();
    await expect.poll(() => roomA.checkOnce('restart-worker'), { timeout: 60_000, interval: 1000 }).toMatch(/^\s*Passed/);
    const passedAt = Date.now();
    await expect.poll(() => board.cell(a.id, 1), { timeout: 2000, interval: 50 }).toMatch(/tasks 1\/2/);
    const latency = Date.now() - passedAt;
    process.stderr.write(`classroom e2e: board showed seat A's check after ${latency} ms\n`);
    expect(latency).toBeLessThan(2000);
    expect(await board.cell(b.id, 1)).toMatch(/tasks 0\/2/);

    // seat B is held to its own seat: A's lab, A's run and A's terminal socket answer 403
    const apiA = contextApi(a.context.request, origin, a.token);
    const apiB = contextApi(b.context.request, origin, b.token);
    const termsA = new TerminalsPageObject(a.page);
    const paneA = `redis · ${a.lab}`;
    await expect.poll(() => termsA.status(paneA).textContent(), { timeout: 30_000 }).toBe('Connected');
    const sessionA = ((await apiA<{ sessionId: string; target: { labId?: string } }[]>('terminals.list')).result ?? []).find((t) => t.target.labId === a.lab)!.sessionId;
    expect((await apiB('labs.status', { labId: a.lab })).status).toBe(403);
    expect((await apiB('runs.get', { runId: a.runId })).status).toBe(403);
    expect((await apiB('terminals.open', { target: { kind: 'container', labId: a.lab, service: 'redis' }, cols: 80, rows: 24 })).status).toBe(403);
    const socketStatus = (path: string, token: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`wss://${new URL(origin).host}${path}`, wsProtocols(token), { origin, ca });
        ws.once('open', () => (resolve(101), ws.close()));
        ws.once('unexpected-response', (_q, res) => (resolve(res.statusCode ?? 0), ws.terminate()));
        ws.once('error', () => resolve(0));
      });
    expect(await socketStatus(terminalSocketPath(sessionA), b.token)).toBe(403);
    expect(await socketStatus(`/api/watch/${sessionA}`, b.token)).toBe(403);
    expect(await socketStatus(terminalSocketPath(sessionA), a.token)).toBe(101); // the same socket, for its own seat
  }, 300_000);

  // Written, not passing yet (issue 18): in the last runs the trainer's watch view showed none of
  // what seat A typed. Skipped until it does; the first half above runs in CI.
  it.skip('the trainer watches A\'s terminal, a broadcast reaches every seat, a revoked seat gets 401, the export holds every seat', async () => {
    const [a, b, c] = seats;
    const apiA = contextApi(a.context.request, origin, a.token);
    const termsA = new TerminalsPageObject(a.page);
    const paneA = `redis · ${a.lab}`;

    // the trainer watches A's terminal: A sees the mark, the trainer sees what A types
    await board.seatRow(a.id).getByRole('button', { name: 'Watch terminal' }).click();
    const watching = await trainer.getByRole('region', { name: new RegExp(`^Watching ${a.id}: `) }).waitFor({ timeout: 10_000 }).then(() => true, () => false);
    expect(watching, (await trainer.locator('main').innerText()).slice(0, 1500)).toBe(true);
    await expect.poll(async () => (await apiA<{ watched: boolean }>('classes.mine')).result?.watched, { timeout: 10_000 }).toBe(true);
    // the mark comes with class.changed; a page whose event socket Chromium dropped on a network change sees it on its next load
    const marked = await new SeatBannerPart(a.page).watchingMark().waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (!marked) {
      process.stderr.write('classroom e2e: the mark did not arrive by event; seat A loads again\n');
      await open(a.page, `${origin}/#/game-days/${a.runId}`);
    }
    await expect.poll(() => new SeatBannerPart(a.page).watchingMark().count(), { timeout: 10_000 }).toBe(1);
    expect(await new SeatBannerPart(b.page).watchingMark().count()).toBe(0);
    await expect.poll(() => termsA.status(paneA).textContent(), { timeout: 30_000 }).toBe('Connected');
    await termsA.type(paneA, 'echo watched-$((6*7))');
    await expect.poll(() => termsA.screen(paneA), { timeout: 10_000 }).toContain('watched-42');
    await expect.poll(() => board.watched(), { timeout: 10_000 }).toContain('watched-42');
    await expect.poll(() => board.seatRow(a.id).getByRole('rowheader').textContent()).toContain('trainer watching');

    // a broadcast reaches all three seats
    await board.broadcast('Five minutes left for step 1');
    for (const s of seats) await expect.poll(() => new SeatBannerPart(s.page).messages(), { timeout: 10_000 }).toContainEqual('Five minutes left for step 1');

    // a revoked seat: its session and its link answer 401
    await board.seatRow(c.id).getByRole('button', { name: 'Revoke' }).click();
    const apiC = contextApi(c.context.request, origin, c.token);
    await expect.poll(async () => (await apiC('classes.mine')).status, { timeout: 5000 }).toBe(401);
    const code = new URL(c.link).searchParams.get('code');
    const trade = await c.context.request.post(`${origin}/auth/session`, { headers: { 'content-type': 'application/json' }, data: JSON.stringify({ code }) });
    expect(trade.status()).toBe(401);
    expect((await apiA('classes.mine')).status).toBe(200); // the others keep theirs

    // the export: one journal per seat's run, and the CSV of the board
    const exported = await owner<{ file: string }>('classes.export', { name: CLASS });
    expect(exported.error).toBeUndefined();
    const { names, csv } = await archive(exported.result!.file);
    expect(names.filter((n) => n.endsWith('/journal.json'))).toHaveLength(3);
    for (const s of seats) expect(names.some((n) => n.includes(s.id) && n.endsWith('/journal.json'))).toBe(true);
    expect(names).toContain(`${CLASS}/scores.csv`);
    expect(csv.trim().split('\n')).toHaveLength(4); // header + one step for each of three seats
    expect(csv).toMatch(new RegExp(`^${a.id},`, 'm'));
    await trainer.screenshot({ path: 'test-results/classroom-board.png', fullPage: true });
  }, 300_000);
});
