import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Probe } from '../../../api/schemas/scenarios';
import { hasDocker } from '../../../testing/requirements';
import { engineRows } from '../../../testing/engines';
import { testCore, uniqueLab } from '../../../testing/test-core';
import { checkProbe } from './check-probe';
import type { ProbeContext } from './probe-context';

const ready = await hasDocker();
const engines = engineRows(ready);

describe.skipIf(!ready).each(engines)('probes against a real redis-streams lab on $name', ({ endpoint }) => {
  const t = testCore(endpoint);
  const labId = uniqueLab('probes');
  let ctx: ProbeContext;
  beforeAll(async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up('redis-streams', labId)).jobId);
    expect(done.error).toBeUndefined();
    ctx = { docker: (await t.core.engine.current())!.docker, labId, prometheus: () => t.core.labs.prometheus(labId) };
  }, 180_000);
  afterAll(async () => {
    await t.core.labs.down(labId).catch(() => undefined);
    await t.cleanup();
  });

  const check = (p: Probe) => checkProbe(p, ctx);

  it('each probe type passes on a healthy lab, with what it saw', async () => {
    const results = await Promise.all([
      check({ name: 'redis up', type: 'promql', expr: 'up{service="redis-exporter"}', comparator: '==', threshold: 1, within: '30s' }),
      check({ name: 'worker health', type: 'http', target: { service: 'worker', replica: 2 }, port: 9464, path: '/healthz', status: 200, bodyRegex: 'ok' }),
      check({ name: 'redis ping', type: 'exec', target: { service: 'redis' }, argv: ['redis-cli', 'PING'], exitCode: 0, stdoutRegex: '^PONG$' }),
      check({ name: 'worker running', type: 'container', target: { service: 'worker', replica: 1 }, state: 'running', maxRestarts: 0, oomKilled: false }),
      check({ name: 'redis port', type: 'tcp', target: { service: 'redis' }, port: 6379 }),
      check({ name: 'nothing lost', type: 'ledger', target: { service: 'worker' }, port: 9464, maxLost: 0, within: '20s' }),
    ]);
    for (const r of results) expect(r, `${r.name}: ${r.message}`).toMatchObject({ ok: true });
    expect(results[2].message).toContain('PONG');
    expect(results[5].message).toMatch(/^produced \d+, processed \d+/);
  }, 90_000);

  it('and fails, saying why, when the lab is not as the probe wants', async () => {
    const results = await Promise.all([
      check({ name: 'no such series', type: 'promql', expr: 'up{service="nope"}', comparator: '==', threshold: 1 }),
      check({ name: 'wrong status', type: 'http', target: { service: 'worker' }, port: 9464, path: '/no-such-page', status: 200 }),
      check({ name: 'exit code', type: 'exec', target: { service: 'redis' }, argv: ['redis-cli', 'NOSUCHCOMMAND'], exitCode: 0, stdoutRegex: '^OK' }),
      check({ name: 'closed port', type: 'tcp', target: { service: 'redis' }, port: 6380, timeout: '2s' }),
      check({ name: 'no service', type: 'container', target: { service: 'ghost' }, state: 'running' }),
    ]);
    expect(results.map((r) => r.ok)).toEqual([false, false, false, false, false]);
    expect(results[0].message).toMatch(/returned no series/);
    expect(results[1].message).toMatch(/answered 404, want 200/);
    expect(results[2].message).toMatch(/want \/\^OK\//);
    expect(results[3].message).toMatch(/does not accept connections/);
    expect(results[4].message).toMatch(/has no service ghost/);
  }, 60_000);
});
