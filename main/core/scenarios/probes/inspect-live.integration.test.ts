import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Probe } from '../../../api/schemas/scenarios';
import { hasDocker } from '../../../testing/requirements';
import { testCore, uniqueLab } from '../../../testing/test-core';
import { checkProbe } from './check-probe';
import type { ProbeContext } from './probe-context';
import { resolveTarget } from './probe-target';

const ready = await hasDocker();

/**
 * The inspect probe and the live audit read what the engine runs: on the loose-web lab they see root,
 * SYS_ADMIN and the password in the environment, and a `docker update` of the memory and CPU limits
 * after `up` (which no template shows) turns the limit probe and the audit's limit findings around.
 */
describe.skipIf(!ready)('docker inspect, live, on a loose-web lab', () => {
  const t = testCore();
  const labId = uniqueLab('inspect');
  let ctx: ProbeContext;
  beforeAll(async () => {
    const done = await t.core.jobs.wait((await t.core.labs.up('loose-web', labId)).jobId);
    expect(done.error).toBeUndefined();
    ctx = { docker: (await t.core.engine.current())!.docker, labId, prometheus: () => t.core.labs.prometheus(labId) };
  }, 180_000);
  afterAll(async () => {
    await t.core.labs.down(labId).catch(() => undefined);
    await t.cleanup();
  });

  const inspect = (name: string, path: string, op: Record<string, unknown>) => checkProbe({ name, type: 'inspect', target: { service: 'web' }, path, ...op } as Probe, ctx);

  it('inspect probes pass and fail on the running container, saying what they saw', async () => {
    const results = await Promise.all([
      inspect('root fs writable', 'HostConfig.ReadonlyRootfs', { equals: false }),
      inspect('SYS_ADMIN added', 'HostConfig.CapAdd', { contains: 'SYS_ADMIN' }),
      inspect('password in env', 'Config.Env', { contains: 'DB_PASSWORD=' }),
      inspect('read-only wanted', 'HostConfig.ReadonlyRootfs', { equals: true }),
      inspect('no memory limit yet', 'HostConfig.Memory', { greaterThan: 0 }),
      checkProbe({ name: 'ghost', type: 'inspect', target: { service: 'ghost' }, path: 'Config.User', exists: true }, ctx),
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false, false]);
    expect(results[3].message).toMatch(/HostConfig\.ReadonlyRootfs is false, want true/);
    expect(results[5].message).toMatch(/has no service ghost/);
  }, 60_000);

  it('a limit set on the running container is seen by the probe and the audit', async () => {
    const before = await t.core.audit.lab(labId);
    expect(before.source).toBe('lab');
    expect(before.findings.map((f) => f.check).sort()).toEqual(
      ['cap-add', 'cap-drop-all', 'cpu-limit', 'memory-limit', 'no-new-privileges', 'non-root-user', 'read-only-rootfs', 'secret-env'],
    );
    expect(before.findings.find((f) => f.check === 'non-root-user')).toMatchObject({ severity: 'high', found: 'runs as root (user: root)' });
    expect(before.findings.find((f) => f.check === 'secret-env')?.found).toBe('secret values in DB_PASSWORD');

    const c = await resolveTarget(ctx.docker, labId, { service: 'web' });
    await ctx.docker.getContainer(c.Id).update({ Memory: 128 * 2 ** 20, MemorySwap: 128 * 2 ** 20, NanoCpus: 5e8 });
    expect((await inspect('memory limit', 'HostConfig.Memory', { greaterThan: 0 })).ok).toBe(true);
    const after = await t.core.audit.lab(labId);
    expect(after.findings.map((f) => f.check)).not.toContain('memory-limit');
    expect(after.findings.map((f) => f.check)).not.toContain('cpu-limit');
    expect(after.findings.length).toBe(before.findings.length - 2);
  }, 60_000);
});
