/** The page's calls over its WebSocket, seen from Playwright: how many per method and how long each took. */
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';

export interface CallStats {
  count: number;
  /** Milliseconds from the call frame sent to its result frame received. */
  latencies: number[];
}

export class WsCalls {
  readonly byMethod = new Map<string, CallStats>();
  private readonly open = new Map<number, { method: string; at: number }>();

  constructor(page: Page) {
    page.on('websocket', (ws) => {
      ws.on('framesent', ({ payload }) => this.sent(String(payload)));
      ws.on('framereceived', ({ payload }) => this.received(String(payload)));
    });
  }

  private sent(text: string): void {
    const msg = JSON.parse(text) as { type?: string; id?: number; method?: string };
    if (msg.type !== 'call' || msg.id === undefined || !msg.method) return;
    this.open.set(msg.id, { method: msg.method, at: performance.now() });
  }

  private received(text: string): void {
    // Only the head is needed: a range result can be large.
    const m = /^\{"type":"result","id":(\d+)/.exec(text.slice(0, 64));
    const call = m ? this.open.get(Number(m[1])) : undefined;
    if (!call) return;
    this.open.delete(Number(m![1]));
    const s = this.byMethod.get(call.method) ?? { count: 0, latencies: [] };
    s.count++;
    s.latencies.push(performance.now() - call.at);
    this.byMethod.set(call.method, s);
  }

  /** A copy of the counts and latencies so far, to take differences over a window. */
  snapshot(): Map<string, CallStats> {
    return new Map([...this.byMethod].map(([k, v]) => [k, { count: v.count, latencies: [...v.latencies] }]));
  }
}

/** What happened between two snapshots. */
export function callsBetween(before: Map<string, CallStats>, after: Map<string, CallStats>): Map<string, CallStats> {
  const out = new Map<string, CallStats>();
  for (const [method, a] of after) {
    const b = before.get(method) ?? { count: 0, latencies: [] };
    out.set(method, { count: a.count - b.count, latencies: a.latencies.slice(b.latencies.length) });
  }
  return out;
}
