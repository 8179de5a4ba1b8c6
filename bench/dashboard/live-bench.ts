/**
 * The live part: a real lab (left to run until Prometheus holds the whole range), `labdeck serve`, the
 * lab's dashboard filled to N panels at 1 s refresh in Chromium; heap at the first minute, a CPU window
 * right after it, then heap every minute to the end.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../../main/testing/requirements';
import { sleep } from '../lab-up/abort';
import { tempDirs } from '../lab-up/cleanup';
import { writeBenchDashboard, type BenchDashboard } from './bench-dashboard-file';
import { heapAfterGc } from './cdp-probe';
import { CHROMIUM_ARGS, LAB_NAME, VIEWPORT } from './config';
import { cpuWindow, type CpuWindow } from './cpu-window';
import { startLab, startServe } from './live-lab';
import { openDashboard, panelErrors, panelsWithPoints, pointsDrawn } from './open-dashboard';
import { rssBytes } from './proc-stat';
import { WsCalls } from './ws-calls';

export interface LiveOptions {
  lab: string;
  panels: number;
  refreshSeconds: 1 | 2 | 5;
  /** The console's range: 5m, 15m or 1h. */
  range: '5m' | '15m' | '1h';
  /** Minutes the lab runs before the dashboard opens, so its range is full of data from the first minute. */
  warmMinutes: number;
  cpuSeconds: number;
  minutes: number;
}

export interface HeapSample {
  minute: number;
  used: number;
  nodes: number;
  listeners: number;
  serveRss: number;
  /** Points the dashboard's panels draw (the sum of their `data-points`). */
  points: number;
}

export interface LiveResults {
  dashboard: BenchDashboard;
  panelsShown: number;
  panelsWithPoints: number;
  cpu: CpuWindow;
  heap: HeapSample[];
  errors: string[];
}

export async function liveBench(o: LiveOptions): Promise<LiveResults> {
  const home = await mkdtemp(join(tmpdir(), 'labdeck-bench-dash-'));
  tempDirs.push(home);
  const dashboard = await writeBenchDashboard(home, o.lab, o.panels);
  await startLab(o.lab, home);
  if (o.warmMinutes > 0) {
    process.stderr.write(`letting the lab run ${o.warmMinutes} min before the dashboard opens on "Last ${o.range}"…\n`);
    await sleep(o.warmMinutes * 60_000);
  }
  const serve = await startServe(home);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const calls = new WsCalls(page);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const panelsShown = await openDashboard(page, serve.url, LAB_NAME, dashboard.title, `${o.refreshSeconds}s`, `Last ${o.range}`);
    if (panelsShown !== o.panels) throw new Error(`the dashboard shows ${panelsShown} panels, not ${o.panels}`);
    const opened = performance.now();
    process.stderr.write(`dashboard "${dashboard.title}" open: ${panelsShown} panels, refresh ${o.refreshSeconds}s\n`);

    const heap: HeapSample[] = [];
    const heapAt = async (minute: number): Promise<void> => {
      await sleep(Math.max(0, opened + minute * 60_000 - performance.now()));
      const h = await heapAfterGc(cdp);
      const points = await pointsDrawn(page, dashboard.title);
      heap.push({ minute, ...h, serveRss: rssBytes(serve.pid), points });
      process.stderr.write(`minute ${minute}: heap ${(h.used / 1048576).toFixed(2)} MiB, ${h.nodes} DOM nodes, ${h.listeners} listeners, ${points} points\n`);
    };
    await heapAt(1);
    await sleep(2000); // the forced collections' aftermath stays out of the CPU window
    process.stderr.write(`CPU window: ${o.cpuSeconds} s…\n`);
    const cpu = await cpuWindow(o.cpuSeconds, serve.pid, cdp, calls);
    const withPoints = await panelsWithPoints(page, dashboard.title);
    for (let minute = 2; minute <= o.minutes; minute++) await heapAt(minute);
    errors.push(...(await panelErrors(page, dashboard.title)));
    return { dashboard, panelsShown, panelsWithPoints: withPoints, cpu, heap, errors };
  } finally {
    await browser.close();
  }
}
