import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Docker from 'dockerode';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabdeckError } from '../../api/errors';
import type { EngineClient } from '../engine/engine-client';
import { openStore, type OpenedStore } from '../store/database';
import { FaultService, type FaultEvent } from './fault-service';
import type { Injector } from './injector';
import { RevertLedger } from './revert-ledger';

/** An engine with one container, t-a-1 of lab t (service a); `gone` makes every inspect a 404. */
function fakeEngine(state: { gone: boolean; paused: boolean }): EngineClient {
  const labels = { 'io.labdeck.lab': 't', 'io.labdeck.service': 'a', 'com.docker.compose.container-number': '1' };
  const container = {
    inspect: async () => {
      if (state.gone) throw Object.assign(new Error('no such container'), { statusCode: 404 });
      return { Id: 'cid', Name: '/t-a-1', Config: { Labels: labels }, NetworkSettings: { Networks: {} }, State: { Running: true, Paused: state.paused, StartedAt: 'S', Status: 'running' } };
    },
    unpause: async () => {
      state.paused = false;
    },
  };
  const docker = { listContainers: async () => [{ Id: 'cid', State: 'running', Labels: labels }], getContainer: () => container } as unknown as Docker;
  return { endpoint: 'fake://', docker } as EngineClient;
}

describe('FaultService', () => {
  let dir: string;
  let store: OpenedStore;
  let ledger: RevertLedger;
  const engineState = { gone: false, paused: false };
  const seenAtApply: string[] = [];
  const events: FaultEvent[] = [];
  const pause: Injector<'pause'> = async (ctx) => ({
    revert: { op: 'unpause' },
    apply: async () => {
      seenAtApply.push(ledger.get(ctx.faultId)?.state ?? 'missing');
      engineState.paused = true;
    },
  });
  const failing: Injector<'kill'> = async () => ({ revert: { op: 'none' }, apply: async () => Promise.reject(new Error('engine said no')) });
  const service = (pid = 100, alive: (pid: number) => boolean = () => false) =>
    new FaultService({
      ledger,
      engine: async () => ({ client: fakeEngine(engineState), kind: 'docker' }),
      connect: () => fakeEngine(engineState),
      pid,
      isAlive: alive,
      injectors: { pause, kill: failing },
      onEvent: (e) => events.push(e),
    });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'labdeck-faults-'));
    store = openStore(dir);
    ledger = new RevertLedger(store.db, () => new Date());
    Object.assign(engineState, { gone: false, paused: false });
    seenAtApply.length = 0;
    events.length = 0;
  });
  afterEach(() => {
    store.db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the revert to the ledger before the fault is applied', async () => {
    const f = await service().inject('t', { kind: 'pause', target: { service: 'a' } }, { runId: 'r1' });
    expect(seenAtApply).toEqual(['recorded']);
    expect(ledger.get(f.id)).toMatchObject({ state: 'active', runId: 'r1', labId: 't', targetName: 't-a-1', revert: { op: 'unpause' } });
    expect(events.map((e) => e.type)).toEqual(['fault.applied']);
  });

  it('refuses a disk fault whose path climbs out with .., before touching the engine or the ledger', async () => {
    const err = await service()
      .inject('t', { kind: 'disk', target: { service: 'a' }, params: { path: '/data/../srv', size: '1m' } })
      .catch((e: LabdeckError) => e);
    expect(err).toMatchObject({ code: 'FAULT_INVALID', path: 'params.path' });
    expect((err as LabdeckError).message).toMatch(/params\.path: must not contain "\.\."/);
    expect(ledger.pending()).toEqual([]);
  });

  it('tells subscribers what it applied and reverted', async () => {
    const s = service();
    const seen: string[] = [];
    const off = s.subscribe((e) => seen.push(`${e.type}:${e.fault.kind}`));
    const f = await s.inject('t', { kind: 'pause', target: { service: 'a' } });
    await s.revert(f.id);
    off();
    await s.inject('t', { kind: 'pause', target: { service: 'a' } });
    expect(seen).toEqual(['fault.applied:pause', 'fault.reverted:pause']);
  });

  it('undoes a fault whose apply failed, and says why in a coded error', async () => {
    await expect(service().inject('t', { kind: 'kill', target: { service: 'a' } })).rejects.toMatchObject({ code: 'FAULT_FAILED', message: expect.stringContaining('engine said no') });
    expect(ledger.pending()).toEqual([]);
    expect(ledger.list()[0]).toMatchObject({ state: 'reverted', outcome: 'nothing-to-do' });
  });

  it('a revert that arrives while the fault is being applied (an abort) waits, then undoes it', async () => {
    let release: () => void = () => undefined;
    const slow: Injector<'pause'> = async () => ({
      revert: { op: 'unpause' },
      apply: () => new Promise<void>((r) => (release = () => ((engineState.paused = true), r()))),
    });
    const s = new FaultService({ ledger, engine: async () => ({ client: fakeEngine(engineState), kind: 'docker' }), connect: () => fakeEngine(engineState), pid: 1, isAlive: () => true, injectors: { pause: slow } });
    const injecting = s.inject('t', { kind: 'pause', target: { service: 'a' } }, { runId: 'r2' });
    await new Promise((r) => setTimeout(r, 20));
    const aborting = s.revertAll({ runId: 'r2' });
    release();
    await injecting;
    expect((await aborting).map((r) => r.outcome)).toEqual(['reverted']);
    expect(engineState.paused).toBe(false);
    expect(ledger.pending()).toEqual([]);
  });

  it('reverts a run\'s faults on finish, and a second revert answers the first outcome', async () => {
    const s = service();
    const f = await s.inject('t', { kind: 'pause', target: { service: 'a' } }, { runId: 'r1' });
    expect(await s.revertAll({ runId: 'r1' })).toEqual([{ id: f.id, kind: 'pause', target: 't-a-1', outcome: 'reverted' }]);
    expect(engineState.paused).toBe(false);
    expect((await s.revert(f.id)).outcome).toBe('reverted');
    await expect(s.revert('f-nope')).rejects.toMatchObject({ code: 'FAULT_NOT_FOUND' });
  });

  it('on start, reverts faults of dead processes only; a gone container is logged, not failed', async () => {
    const dead = await service(101).inject('t', { kind: 'pause', target: { service: 'a' } });
    engineState.paused = false;
    const live = await service(102).inject('t', { kind: 'pause', target: { service: 'a' } });
    engineState.gone = true;
    const reports = await service(200, (pid) => pid === 102).revertPending();
    expect(reports).toEqual([{ id: dead.id, kind: 'pause', target: 't-a-1', outcome: 'target-gone', note: 'the container no longer exists' }]);
    expect(ledger.pending().map((e) => e.id)).toEqual([live.id]);
  });

  it('on start, reverts faults of an earlier process with the same pid (PID 1 in a container)', async () => {
    const before = await service(1).inject('t', { kind: 'pause', target: { service: 'a' } });
    const reports = await service(1).revertPending();
    expect(reports.map((r) => [r.id, r.outcome])).toEqual([[before.id, 'reverted']]);
  });

  it('reverts by itself after durationMs, and close() reverts what this process still has', async () => {
    const s = service();
    const timed = await s.inject('t', { kind: 'pause', target: { service: 'a' }, durationMs: 50 });
    await new Promise((r) => setTimeout(r, 200));
    expect(ledger.get(timed.id)?.state).toBe('reverted');
    const open = await s.inject('t', { kind: 'pause', target: { service: 'a' } });
    expect((await s.close()).map((r) => r.id)).toEqual([open.id]);
    expect(engineState.paused).toBe(false);
  });
});
