import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { engineRows } from '../../testing/engines';
import { testCore, uniqueLab } from '../../testing/test-core';
import { probes, upFaultLab } from './fault-test-lab';

const ready = await hasDocker();
const engines = engineRows(ready);

async function until(ok: () => boolean, ms = 15_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe.skipIf(!ready).each(engines)('lifecycle faults on $name', ({ endpoint }) => {
  const t = testCore(endpoint);
  const lab = uniqueLab('flife');
  const p = probes(endpoint, lab);

  beforeAll(async () => {
    await upFaultLab(t.core, lab);
  });
  afterAll(async () => {
    await t.core.faults.revertAll({ labId: lab });
    await t.core.labs.down(lab).catch(() => undefined);
    await t.cleanup();
  });

  it('kill: the container exits (SIGKILL, 137); the revert starts it again', async () => {
    const f = await t.core.faults.inject(lab, { kind: 'kill', target: { service: 'b' } });
    expect(await until(() => p.state('b').Status === 'exited')).toBe(true);
    expect(p.state('b').ExitCode).toBe(137);
    expect(t.core.faults.pending({ labId: lab }).map((e) => e.id)).toEqual([f.id]);
    expect((await t.core.faults.revert(f.id)).outcome).toBe('reverted');
    expect(p.state('b').Running).toBe(true);
    expect((await t.core.faults.revert(f.id)).outcome).toBe('reverted'); // idempotent: answers its first outcome
    expect(t.core.faults.pending({ labId: lab })).toEqual([]);
  });

  it('stop: the container is exited; the revert starts it', async () => {
    const f = await t.core.faults.inject(lab, { kind: 'stop', target: { service: 'b' }, params: { timeoutSeconds: 2 } });
    expect(p.state('b').Running).toBe(false);
    expect((await t.core.faults.revert(f.id)).outcome).toBe('reverted');
    expect(p.state('b').Running).toBe(true);
  });

  it('restart: StartedAt moves on, and there is nothing to revert', async () => {
    const before = p.state('b').StartedAt;
    const f = await t.core.faults.inject(lab, { kind: 'restart', target: { service: 'b' }, params: { timeoutSeconds: 1 } });
    expect(p.state('b').Running).toBe(true);
    expect(p.state('b').StartedAt).not.toBe(before);
    expect((await t.core.faults.revert(f.id)).outcome).toBe('nothing-to-do');
  });

  it('pause: the container is paused and its app answers nothing; the revert unpauses it', async () => {
    const url = 'http://app:8080/healthz';
    expect(p.answers('b', url)).toBe(true);
    const f = await t.core.faults.inject(lab, { kind: 'pause', target: { service: 'app' } });
    expect(p.state('app').Paused).toBe(true);
    expect(p.answers('b', url, 1)).toBe(false); // the kernel still answers ping and SYN; the frozen process does not
    expect((await t.core.faults.revert(f.id)).outcome).toBe('reverted');
    expect(p.state('app').Paused).toBe(false);
    expect(p.answers('b', url)).toBe(true);
  });

  it('reverts by itself after durationMs', async () => {
    const f = await t.core.faults.inject(lab, { kind: 'pause', target: { service: 'a' }, durationMs: 1500 });
    expect(p.state('a').Paused).toBe(true);
    expect(await until(() => !p.state('a').Paused, 10_000)).toBe(true);
    expect(await until(() => t.core.faults.list({ labId: lab }).find((e) => e.id === f.id)?.state === 'reverted', 5000)).toBe(true);
  });

  it('a revert of a container that is already running again (or gone) is logged, not failed', async () => {
    const f = await t.core.faults.inject(lab, { kind: 'kill', target: { service: 'b' } });
    p.docker('start', p.name('b'));
    const r = await t.core.faults.revert(f.id);
    expect(r.outcome).toBe('already-reverted');
    expect(t.core.faults.list({ labId: lab }).find((e) => e.id === f.id)).toMatchObject({ state: 'reverted', outcome: 'already-reverted' });
  });

  it('refuses a service or replica the lab does not have, and a container of another lab', async () => {
    await expect(t.core.faults.inject(lab, { kind: 'kill', target: { service: 'nope' } })).rejects.toMatchObject({ code: 'FAULT_TARGET_INVALID' });
    await expect(t.core.faults.inject(lab, { kind: 'kill', target: { service: 'a', replica: 2 } })).rejects.toMatchObject({ code: 'FAULT_TARGET_INVALID' });
    await expect(t.core.faults.inject(`${lab}-other`, { kind: 'kill', target: { service: 'a' } })).rejects.toMatchObject({ code: 'FAULT_TARGET_INVALID' });
    await expect(t.core.faults.inject(lab, { kind: 'loss', target: { service: 'a' }, params: { percent: 150 } })).rejects.toMatchObject({ code: 'FAULT_INVALID', path: 'params.percent' });
    expect(p.state('a').Running).toBe(true);
  });
});
