/**
 * CPU over a window, from outside the processes: utime+stime deltas in /proc for the `labdeck serve`
 * process tree, Chromium's renderer processes and its other processes (browser, GPU, utility), and
 * the renderer main thread's task time from CDP, all divided by the wall time.
 */
import { performance } from 'node:perf_hooks';
import type { CDPSession } from 'playwright-core';
import { sleep } from '../lab-up/abort';
import { rendererMetrics } from './cdp-probe';
import { cmdline, loadAverage, processTree } from './proc-stat';
import { callsBetween, type CallStats, type WsCalls } from './ws-calls';

export interface CpuWindow {
  seconds: number;
  /** Percent of one core. */
  serve: number;
  renderer: number;
  rendererMainThread: number;
  rendererScript: number;
  chromiumOther: number;
  /** The page's calls over its WebSocket in the window, by method. */
  calls: Map<string, CallStats>;
  loadBefore: number[];
  loadAfter: number[];
}

type Groups = { serve: number; renderer: number; chromiumOther: number };

function sample(servePid: number, benchPid: number): Groups {
  const serve = processTree(servePid).reduce((n, s) => n + s.cpu, 0);
  let renderer = 0;
  let chromiumOther = 0;
  for (const s of processTree(benchPid)) {
    const cmd = cmdline(s.pid);
    if (!/chrom/i.test(cmd.split(' ')[0] ?? '')) continue;
    if (cmd.includes('--type=renderer')) renderer += s.cpu;
    else chromiumOther += s.cpu;
  }
  return { serve, renderer, chromiumOther };
}

/** Measures `seconds` of the live dashboard. */
export async function cpuWindow(seconds: number, servePid: number, cdp: CDPSession, calls: WsCalls): Promise<CpuWindow> {
  const loadBefore = loadAverage();
  const m0 = await rendererMetrics(cdp);
  const c0 = calls.snapshot();
  const s0 = sample(servePid, process.pid);
  const t0 = performance.now();
  await sleep(seconds * 1000);
  const s1 = sample(servePid, process.pid);
  const wall = (performance.now() - t0) / 1000;
  const m1 = await rendererMetrics(cdp);
  const pct = (x: number): number => (100 * x) / wall;
  return {
    seconds: wall,
    serve: pct(s1.serve - s0.serve),
    renderer: pct(s1.renderer - s0.renderer),
    rendererMainThread: pct(m1.taskSeconds - m0.taskSeconds),
    rendererScript: pct(m1.scriptSeconds - m0.scriptSeconds),
    chromiumOther: pct(s1.chromiumOther - s0.chromiumOther),
    calls: callsBetween(c0, calls.snapshot()),
    loadBefore,
    loadAfter: loadAverage(),
  };
}
