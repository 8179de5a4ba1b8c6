/** What the bench reads from the renderer through the Chrome DevTools Protocol. */
import type { CDPSession } from 'playwright-core';

export interface RendererMetrics {
  /** Seconds the renderer's main thread spent in tasks, and the parts in script, layout and style. */
  taskSeconds: number;
  scriptSeconds: number;
  layoutSeconds: number;
  styleSeconds: number;
  nodes: number;
  listeners: number;
  heapUsed: number;
}

export async function rendererMetrics(cdp: CDPSession): Promise<RendererMetrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = new Map(metrics.map((x) => [x.name, x.value]));
  return {
    taskSeconds: m.get('TaskDuration') ?? 0,
    scriptSeconds: m.get('ScriptDuration') ?? 0,
    layoutSeconds: m.get('LayoutDuration') ?? 0,
    styleSeconds: m.get('RecalcStyleDuration') ?? 0,
    nodes: m.get('Nodes') ?? 0,
    listeners: m.get('JSEventListeners') ?? 0,
    heapUsed: m.get('JSHeapUsedSize') ?? 0,
  };
}

export interface HeapReading {
  used: number;
  nodes: number;
  listeners: number;
}

/** The page's JS heap after two forced full collections (bytes used), with DOM nodes and listeners. */
async function oneReading(cdp: CDPSession): Promise<HeapReading> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const m = await rendererMetrics(cdp);
  return { used: usedSize, nodes: m.nodes, listeners: m.listeners };
}

/**
 * The smallest of `n` readings after forced GC, `gapMs` apart. With a dozen panels refreshing, a
 * reading also holds whatever answers are in flight; the smallest is nearest the retained set.
 */
export async function heapAfterGc(cdp: CDPSession, n = 5, gapMs = 1000): Promise<HeapReading> {
  let best: HeapReading | undefined;
  for (let i = 0; i < n; i++) {
    if (i) await new Promise((r) => setTimeout(r, gapMs));
    const r = await oneReading(cdp);
    if (!best || r.used < best.used) best = r;
  }
  return best!;
}
