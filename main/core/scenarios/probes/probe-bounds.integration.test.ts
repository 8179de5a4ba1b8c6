import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../../testing/requirements';
import { REPO_ROOT, testCore, uniqueLab } from '../../../testing/test-core';
import { evaluateProbe } from './evaluate-probe';
import type { ProbeContext } from './probe-context';

const ready = await hasDocker();

describe.skipIf(!ready)('probes are bounded, on a real lab on docker', () => {
  const t = testCore();
  const labId = uniqueLab('pbound');
  let ctx: ProbeContext;
  beforeAll(async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up(join(REPO_ROOT, 'main/core/labs/fixtures/mini'), labId)).jobId);
    expect(done.error).toBeUndefined();
    ctx = { docker: (await t.core.engine.current())!.docker, labId, prometheus: () => t.core.labs.prometheus(labId) };
  }, 300_000);
  afterAll(async () => {
    await t.core.labs.down(labId).catch(() => undefined);
    await t.cleanup();
  });

  it("stdoutRegex '(a+)+$' on a command's 5,000 a's and a b answers at once (no backtracking)", async () => {
    const t0 = Date.now();
    const r = await evaluateProbe({ name: 'aaab', type: 'exec', target: { service: 'redis' }, argv: ['sh', '-c', 'head -c 5000 /dev/zero | tr "\\0" a; echo b'], exitCode: 0, stdoutRegex: '(a+)+$', timeout: '10s' }, ctx);
    expect(r.ok).toBe(false);
    expect(r.message).toMatch(/want \/\(a\+\)\+\$\//);
    expect(Date.now() - t0).toBeLessThan(10_000);
  }, 60_000);

  it('a probe whose command hangs is cut at its timeout', async () => {
    const t0 = Date.now();
    const r = await evaluateProbe({ name: 'hangs', type: 'exec', target: { service: 'redis' }, argv: ['sleep', '120'], exitCode: 0, timeout: '1s' }, ctx);
    const took = Date.now() - t0;
    expect(r).toMatchObject({ ok: false, message: 'sleep 120: no result within 1000 ms' });
    expect(took).toBeLessThan(1000 + 2500 + 2000);
  }, 60_000);
});
