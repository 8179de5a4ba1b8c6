import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { mintCode } from '../../main/server/one-time-code';
import { CHROMIUM } from '../../main/testing/requirements';
import { Aborted, aborter, checkAbort, sleep } from '../lab-up/abort';
import { cleanupAll, tempDirs, warnings } from '../lab-up/cleanup';
import { CHROMIUM_ARGS, VIEWPORT } from '../dashboard/config';
import { startLab, startServe } from '../dashboard/live-lab';
import { pointsDrawn } from '../dashboard/open-dashboard';
import { rssBytes } from '../dashboard/proc-stat';
import { reportLines, verdicts, type SoakResults } from './report';
import { openStreamingTerminals, TAP, terminalBytes } from './terminals';
import type { SoakSample } from './trend';

/**
 * bench/soak: `labdeck serve` with a lab up, the lab's dashboard open in Chromium at 1 s refresh (one
 * page) and four terminals streaming steady output (another page: two shown side by side, two in
 * hidden tabs), for `--minutes` (30 by default). Every `--every` seconds (10): the serve process's
 * RSS and each page's JS heap after a forced collection. Prints RSS max, the least-squares slope per
 * hour of each after a warm-up, and whether the goals (RSS < 200 MB, no growth trend) are met; exits
 * 1 when one is not.
 */
const LAB_NAME = 'bench-soak';
const TERMINALS = 4;

/** JS heap used after a forced full collection, bytes. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  return (await cdp.send('Runtime.getHeapUsage')).usedSize;
}

/** The lab page's first dashboard, at 1 s refresh over the last 5 minutes; its title. */
async function openDashboard(page: Page, base: string): Promise<string> {
  await page.goto(`${base}#/labs/${LAB_NAME}`);
  const picker = page.getByRole('combobox', { name: 'Dashboard' });
  await picker.waitFor({ timeout: 60_000 });
  const title = (await picker.locator('option').evaluateAll((os) => os.map((o) => o.textContent ?? '').filter(Boolean)))[0];
  await picker.selectOption({ label: title });
  const dashboard = page.getByRole('region', { name: `Dashboard ${title}`, exact: true });
  await dashboard.waitFor({ timeout: 30_000 });
  await dashboard.getByRole('combobox', { name: 'Range' }).selectOption({ label: 'Last 5m' });
  await dashboard.getByRole('combobox', { name: 'Refresh' }).selectOption({ label: '1s' });
  return title;
}

async function soak(lab: string, minutes: number, every: number): Promise<SoakResults> {
  const home = await mkdtemp(join(tmpdir(), 'labdeck-bench-soak-'));
  tempDirs.push(home);
  await startLab(lab, home, LAB_NAME);
  // chosen here, so that each page can be given a link code of its own (a code works once)
  const token = randomBytes(32).toString('base64url');
  const serve = await startServe(home, { LABDECK_SERVE_TOKEN: token });
  const base = serve.url.split('?')[0];
  const link = (): string => `${base}?code=${mintCode(token)}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    // one page per view, side by side as on a wide screen
    const dashboardPage = await browser.newPage({ viewport: VIEWPORT });
    await dashboardPage.goto(link());
    const title = await openDashboard(dashboardPage, base);
    const terminalsPage = await browser.newPage({ viewport: VIEWPORT });
    await terminalsPage.addInitScript(TAP);
    await terminalsPage.goto(link());
    const opened = await openStreamingTerminals(terminalsPage, base, LAB_NAME, TERMINALS);
    process.stderr.write(`dashboard "${title}" at 1 s refresh; terminals streaming in ${opened.join(', ')}; sampling every ${every} s for ${minutes} min…\n`);
    const cdp = await Promise.all([dashboardPage, terminalsPage].map((p) => p.context().newCDPSession(p)));
    const samples: SoakSample[] = [];
    const started = performance.now();
    const end = started + minutes * 60_000;
    for (let next = started; next <= end; next += every * 1000) {
      await sleep(Math.max(0, next - performance.now()));
      checkAbort();
      const at = (performance.now() - started) / 1000;
      const [dashboardHeap, terminalsHeap] = await Promise.all(cdp.map(heapAfterGc));
      samples.push({ at, serveRss: rssBytes(serve.pid), dashboardHeap, terminalsHeap, terminalBytes: await terminalBytes(terminalsPage), points: await pointsDrawn(dashboardPage, title) });
      const s = samples.at(-1)!;
      process.stderr.write(`${at.toFixed(0)} s: serve RSS ${(s.serveRss / 1048576).toFixed(1)} MB, heaps ${(s.dashboardHeap / 1048576).toFixed(1)} / ${(s.terminalsHeap / 1048576).toFixed(1)} MB, terminals ${(s.terminalBytes / 1048576).toFixed(1)} MB, points ${s.points}\n`);
    }
    // The warm-up covers the dashboard's 5-minute range filling with points and the scrollbacks filling
    // (5,000 lines each); in a run of under 25 minutes it is a fifth of the run and covers neither.
    return { lab, minutes, everySeconds: every, warmupSeconds: Math.round(Math.min(300, minutes * 12)), samples, terminals: opened.length, visibleTerminals: 2 };
  } finally {
    await browser.close();
  }
}

export async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, every: { type: 'string', default: '10' }, lab: { type: 'string', default: 'redis-streams' } } });
  const minutes = Number(values.minutes);
  const every = Number(values.every);
  if (!(minutes > 0) || !(every > 0)) {
    process.stderr.write('usage: npx tsx bench/soak.ts [--minutes 30] [--every 10] [--lab redis-streams]\n');
    process.exitCode = 2;
    return;
  }
  const stop = (): void => aborter.abort();
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  let code = 1;
  try {
    const r = await soak(values.lab!, minutes, every);
    process.stdout.write(`${reportLines(r).join('\n')}\n`);
    const v = verdicts(r);
    code = v.rssUnderGoal && !v.rss.growing && !v.dashboardHeap.growing && !v.terminalsHeap.growing && v.streaming ? 0 : 1;
  } catch (e) {
    code = e instanceof Aborted || aborter.signal.aborted ? 130 : 1;
    if (code === 1) process.stderr.write(`soak failed: ${e instanceof Error ? e.message : String(e)}\n`);
  } finally {
    await cleanupAll();
    for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
  }
  process.exitCode = code;
}
