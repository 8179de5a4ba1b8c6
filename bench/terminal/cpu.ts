import { readdirSync, readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';

const TICK = 100; // USER_HZ on Linux

interface Proc {
  ppid: number;
  cpu: number;
}

function processes(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(f[1]), cpu: (Number(f[11]) + Number(f[12])) / TICK });
    } catch {
      // it ended meanwhile
    }
  }
  return out;
}

/**
 * CPU seconds (user + system) used so far by a process and its living descendants, minus the
 * subtrees of `except`; with `self` false, only the descendants.
 */
export function treeCpu(root: number, except: number[] = [], self = true): number {
  const all = processes();
  let total = 0;
  const visit = (pid: number, count: boolean): void => {
    if (except.includes(pid)) return;
    if (count) total += all.get(pid)?.cpu ?? 0;
    for (const [child, p] of all) if (p.ppid === pid) visit(child, true);
  };
  visit(root, self);
  return total;
}

/** The page's main thread, from Chromium's own counters (seconds): all tasks, script, style and layout. */
const sessions = new WeakMap<Page, Promise<CDPSession>>();
export async function pageCpu(page: Page): Promise<{ task: number; script: number; layout: number }> {
  if (!sessions.has(page)) {
    sessions.set(page, page.context().newCDPSession(page).then(async (s) => {
      await s.send('Performance.enable');
      return s;
    }));
  }
  const { metrics } = await (await sessions.get(page)!).send('Performance.getMetrics');
  const m = (name: string): number => metrics.find((x) => x.name === name)?.value ?? 0;
  return { task: m('TaskDuration'), script: m('ScriptDuration'), layout: m('LayoutDuration') + m('RecalcStyleDuration') };
}
