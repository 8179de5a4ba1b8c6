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

/** The page's JS heap after two forced full collections (bytes used), with DOM nodes and listeners. */
export async function heapAfterGc(cdp: CDPSession): Promise<{ used: number; nodes: number; listeners: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const m = await rendererMetrics(cdp);
  return { used: usedSize, nodes: m.nodes, listeners: m.listeners };
}
