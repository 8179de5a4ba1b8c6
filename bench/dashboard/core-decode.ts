/**
 * The core's half of a range query, timed under Node: Prometheus's JSON body parsed (what fetch's
 * res.json() does), `decodeMatrix`, the real dispatcher (params and the RangeResult output schema
 * checked), and the WebSocket message stringified as the bridge sends it.
 */
import { performance } from 'node:perf_hooks';
import { dispatch } from '../../main/api/dispatcher';
import type { Handlers } from '../../main/api/handlers';
import { decodeMatrix, type PromResult } from '../../main/core/monitoring/prometheus-client';
import { prometheusMatrixBody } from './synthetic-matrix';

export interface CoreDecodeTimes {
  parse: number[];
  decode: number[];
  contract: number[];
  stringify: number[];
  total: number[];
}

/** The contract's smallest step is 0.5 s, so 10,000 points span 5,000 s (a custom range). */
export const RANGE_PARAMS = { labId: 'bench', query: 'rate(workload_messages_total[30s])', start: 1_763_700_000, end: 1_763_705_000, stepSeconds: 0.5 };

/** How many different series (seeds) the bench cycles through, so no run reuses the last one's strings. */
const VARIANTS = 5;

/**
 * Runs the core path `runs` times (after a few untimed warm-ups); returns the times (ms) and the
 * wire messages of the last VARIANTS runs, for the renderer's half.
 */
export async function coreDecode(points: number, runs: number): Promise<{ times: CoreDecodeTimes; wires: string[]; bytes: { prometheus: number; wire: number } }> {
  const bodies = Array.from({ length: VARIANTS }, (_, seed) => prometheusMatrixBody(points, 0.5, seed));
  const times: CoreDecodeTimes = { parse: [], decode: [], contract: [], stringify: [], total: [] };
  const wires: string[] = [];
  const warmups = 5;
  for (let i = 0; i < runs + warmups; i++) {
    const body = bodies[i % VARIANTS];
    const t0 = performance.now();
    const data = (JSON.parse(body) as { data: PromResult }).data;
    const t1 = performance.now();
    const decoded = decodeMatrix(data);
    const t2 = performance.now();
    const handlers = { 'labs.queryRange': async () => decoded } as unknown as Handlers;
    const outcome = await dispatch(handlers, 'labs.queryRange', RANGE_PARAMS);
    const t3 = performance.now();
    if (!outcome.ok) throw new Error(`dispatch refused the decoded matrix: ${outcome.error.message}`);
    const wire = JSON.stringify({ type: 'result', id: 1, ...outcome });
    const t4 = performance.now();
    wires[i % VARIANTS] = wire;
    if (i < warmups) continue;
    times.parse.push(t1 - t0);
    times.decode.push(t2 - t1);
    times.contract.push(t3 - t2);
    times.stringify.push(t4 - t3);
    times.total.push(t4 - t0);
  }
  return { times, wires, bytes: { prometheus: bodies[0].length, wire: wires[0].length } };
}
