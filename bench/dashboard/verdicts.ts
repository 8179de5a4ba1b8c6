/** The live view's goals, judged only from what was measured; otherwise "not measured" with why. */
import { heapTrend } from './heap-trend';
import type { LiveResults } from './live-bench';

/** A trend from fewer readings is a line through one or two points: it cannot show a leak or its absence. */
export const MIN_HEAP_READINGS = 3;

export function cpuVerdict(live: Pick<LiveResults, 'cpu' | 'panelsShown' | 'panelsWithPoints'>): string {
  const total = live.cpu.serve + live.cpu.renderer;
  // A panel without points draws nothing, so its share of the cost was never paid in this window.
  if (live.panelsShown === 0 || live.panelsWithPoints < live.panelsShown) {
    return `not measured (${live.panelsWithPoints} of ${live.panelsShown} panels had points; the goal is for a full dashboard)`;
  }
  return total < 10 ? 'MET' : 'NOT MET';
}

export function leakVerdict(heap: LiveResults['heap']): string {
  if (heap.length < MIN_HEAP_READINGS) return `not measured (${heap.length} heap reading${heap.length === 1 ? '' : 's'}; ${MIN_HEAP_READINGS} or more needed)`;
  const last = heap.at(-1)!;
  const mid = heap[Math.floor(heap.length / 2)];
  // DOM nodes and listeners settle once every panel has drawn; still rising in the second half is a leak.
  const domGrowing = last.nodes > mid.nodes || last.listeners > mid.listeners;
  return heapTrend(heap).growing || domGrowing ? 'NOT MET' : 'MET';
}
