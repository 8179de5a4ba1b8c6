import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunView } from '../../../api/schemas/runs';
import { docker } from '../../../testing/docker-cli';
import { hasDocker } from '../../../testing/requirements';
import { testCore, uniqueLab } from '../../../testing/test-core';

const ready = await hasDocker();

const MANUAL = `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: pause-by-hand, title: A worker frozen by the facilitator, lab: redis-streams, duration: 10m }
briefing: Something will happen to a worker when the facilitator says so.
steadyState:
  probes: [{ name: worker 1 runs, type: container, target: { service: worker, replica: 1 }, state: running }]
faults:
  - { id: freeze, manual: true, target: { service: worker, replica: 1 }, action: pause, description: worker 1 is paused }
verify: [{ name: worker 1 runs, type: container, target: { service: worker, replica: 1 }, state: running }]
`;

describe.skipIf(!ready)('game days in the app (live runs on real Docker)', () => {
  const t = testCore(undefined, { receiveAlerts: false });
  const h = t.core.handlers;
  const labId = uniqueLab('gameday');
  const view = (runId: string, role?: 'facilitator' | 'responder'): Promise<RunView> => h['runs.get']({ runId, role });
  const until = async (what: string, runId: string, ok: (v: RunView) => boolean, ms = 90_000): Promise<RunView> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await view(runId, 'facilitator');
      if (ok(v)) return v;
      if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify({ state: v.run.state, faults: v.faults, reason: v.reason })}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  };
  const redis = (...argv: string[]): string => docker('exec', `${labId}-redis-1`, 'redis-cli', ...argv);

  beforeAll(async () => {
    mkdirSync(join(t.home, 'scenarios'), { recursive: true });
    writeFileSync(join(t.home, 'scenarios', 'pause-by-hand.yaml'), MANUAL);
    const job = await h['labs.up']({ template: 'redis-streams', name: labId });
    const done = await t.core.jobs.wait(job.jobId);
    expect(done.state, JSON.stringify(done.error)).toBe('succeeded');
  }, 180_000);
  afterAll(async () => {
    await h['labs.down']({ labId }).catch(() => undefined);
    await t.cleanup();
  }, 60_000);

  it('a learner plays redis-worker-crash: a failed check, a hint, the fix in the lab, Check, Finish, score and report', async () => {
    const started = await h['runs.start']({ scenario: 'redis-worker-crash', labId, mode: 'training', speed: 4 });
    expect(['created', 'baseline']).toContain(started.state);
    expect(started).toMatchObject({ scenario: 'redis-worker-crash', labId, title: 'A worker died between XREADGROUP and XACK' });
    const runId = started.id;
    await until('all faults applied', runId, (v) => v.faults.every((f) => f.status === 'applied'));
    await new Promise((r) => setTimeout(r, 3000)); // worker 1's read entries stay pending
    const failed = await h['runs.act']({ runId, action: { type: 'check', task: 'reclaim' } });
    expect(failed.ok).toBe(false);
    expect(failed.message).toMatch(/XPENDING orders workers printed "[1-9]/);
    const hint = await h['runs.act']({ runId, action: { type: 'hint', task: 'reclaim' } });
    expect(hint.message).toContain('XPENDING orders workers');
    await h['runs.act']({ runId, action: { type: 'detected' } });
    await h['runs.act']({ runId, action: { type: 'note', text: 'worker 1 holds the entries', role: 'responder' } });

    // the fix, as the briefing's learner does it: claim the entries for worker 2, restart it, bring worker 1 back
    const live = docker('inspect', '-f', '{{.Config.Hostname}}', `${labId}-worker-2`);
    redis('XAUTOCLAIM', 'orders', 'workers', live, '0', '0-0', 'COUNT', '1000');
    await h['labs.serviceAction']({ labId, container: `${labId}-worker-2`, action: 'restart' });
    await h['labs.serviceAction']({ labId, container: `${labId}-worker-1`, action: 'start' });
    const end = Date.now() + 60_000;
    while (redis('XPENDING', 'orders', 'workers').split('\n')[0] !== '0' && Date.now() < end) await new Promise((r) => setTimeout(r, 500));
    const passed = await h['runs.act']({ runId, action: { type: 'check', task: 'reclaim' } });
    expect(passed, passed.message).toMatchObject({ ok: true });

    const finished = await h['runs.act']({ runId, action: { type: 'finish' } });
    expect(finished.message).toMatch(/^passed with \d+/);
    const v = finished.view;
    expect(v.run.state).toBe('passed');
    // one failed check (-10) and a hint of cost 1 (-5): response 85
    expect(v.score).toMatchObject({ resilience: 100, response: 85 });
    expect(v.run.ttdMs).toBeGreaterThan(0);
    expect(v.tasks[0]).toMatchObject({ state: 'passed', failedAttempts: 1 });
    expect(v.verdicts.find((x) => x.phase === 'verify')).toMatchObject({ name: 'no order lost', ok: true });
    await h['runs.act']({ runId, action: { type: 'actionItems', items: ['alert on pending entries older than 1m'] } });

    const html = (await h['runs.report']({ runId, format: 'html' })).text;
    expect(html).toMatch(/<svg[^>]+aria-label="nothing stuck pending"/);
    expect(html).toContain('(responder): worker 1 holds the entries');
    expect(html).toContain('<li>alert on pending entries older than 1m</li>');
    const list = await h['runs.list']({});
    expect(list.find((r) => r.id === runId)).toMatchObject({ state: 'passed', title: 'A worker died between XREADGROUP and XACK' });
    expect(docker('inspect', '-f', '{{.State.Running}}', `${labId}-worker-1`)).toBe('true');
  }, 240_000);

  it('a facilitator injects by hand, pauses, resumes, aborts: the fault is reverted (a real alert into a run journal: alert-webhook.integration)', async () => {
    const { id: runId } = await h['runs.start']({ scenario: 'pause-by-hand', labId, mode: 'facilitated' });
    await until('running', runId, (v) => v.run.state === 'running');
    expect(await view(runId, 'responder')).toMatchObject({ faults: [], faultsWithheld: true });
    await h['runs.act']({ runId, action: { type: 'inject', fault: 'freeze' } });
    expect(docker('inspect', '-f', '{{.State.Status}}', `${labId}-worker-1`)).toBe('paused');
    const paused = await h['runs.act']({ runId, action: { type: 'pause' } });
    expect(paused.view.timer.paused).toBe(true);
    await h['runs.act']({ runId, action: { type: 'resume' } });
    const aborted = await h['runs.act']({ runId, action: { type: 'abort', reason: 'end of the session' } });
    expect(aborted.view.run.state).toBe('aborted');
    expect(docker('inspect', '-f', '{{.State.Status}}', `${labId}-worker-1`)).toBe('running');
    const types = (await h['runs.events']({ runId })).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['fault.applied', 'faults.reverted']));
    await expect(h['runs.act']({ runId, action: { type: 'check', task: 'x' } })).rejects.toThrow(/not being played/);
    await h['runs.delete']({ runId });
    expect((await h['runs.list']({})).some((r) => r.id === runId)).toBe(false);
  }, 120_000);
});
