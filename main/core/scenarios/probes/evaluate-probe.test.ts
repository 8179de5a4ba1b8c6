import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { evaluateProbe } from './evaluate-probe';

/** An engine that takes calls and never answers them (a wedged daemon, a dead ssh tunnel). */
const silentEngine = { listContainers: () => new Promise(() => undefined) } as unknown as Docker;

describe('evaluateProbe', () => {
  it("ends an attempt at its timeout whatever its body waits on (here an engine that never answers)", async () => {
    const t0 = Date.now();
    const r = await evaluateProbe({ name: 'ping', type: 'exec', target: { service: 'redis' }, argv: ['redis-cli', 'PING'], exitCode: 0, timeout: '500ms' }, { docker: silentEngine, labId: 'x', prometheus: () => new Promise(() => undefined) });
    const took = Date.now() - t0;
    expect(r).toMatchObject({ ok: false, message: 'ping: no result within 500 ms (its timeout)' });
    expect(took).toBeGreaterThanOrEqual(500);
    expect(took).toBeLessThan(5000);
  });

  it('the same for a PromQL probe whose Prometheus never comes', async () => {
    const r = await evaluateProbe({ name: 'up', type: 'promql', expr: 'up', comparator: '==', threshold: 1, timeout: '200ms' }, { docker: silentEngine, labId: 'x', prometheus: () => new Promise(() => undefined) });
    expect(r).toMatchObject({ ok: false, message: 'up: no result within 200 ms (its timeout)' });
  });
});
