import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Probe } from '../../../api/schemas/scenarios';
import { tempJournal } from '../../../testing/temp-journal';
import type { ProbeContext, ProbeOutcome } from '../probes/probe-context';
import type { RunFaults } from '../run-faults';
import type { RunJournal } from '../run-journal';
import { parseScenario } from '../scenario-loader';
import { LiveRun } from './live-run';
import { runView } from './run-view';

const SCENARIO_TEXT = `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: demo, title: Demo, lab: mini, duration: 10s }
briefing: A worker is slow.
steadyState:
  probes: [{ name: healthy, type: promql, expr: healthy, comparator: '==', threshold: 1 }]
faults:
  - { id: slow, at: 2s, target: { service: worker }, action: app, params: { latencyMs: 500 }, description: the worker turns slow }
  - { id: by-hand, manual: true, target: { service: worker }, action: pause }
tasks:
  - id: fix
    prompt: Make it fast
    hints: [{ text: look at the worker, cost: 2 }]
    check: { name: fast, type: promql, expr: fast, comparator: '==', threshold: 1 }
    solution: revert it
    detects: true
verify: [{ name: nothing lost, type: promql, expr: lost, comparator: '==', threshold: 0 }]
`;
const SCENARIO = parseScenario(SCENARIO_TEXT, 'demo.yaml');

/** Faults make the lab unhealthy and slow; a person "fixes" it by reverting through the world. */
function world() {
  const active = new Map<string, string>();
  let n = 0;
  const faults: RunFaults = {
    async inject(_lab, input) {
      const id = `f${++n}`;
      active.set(id, input.kind);
      return { id };
    },
    async revert(id) {
      active.delete(id);
      return {};
    },
    async revertAll() {
      const left = [...active.values()];
      active.clear();
      return left;
    },
  };
  const evaluate = async (p: Probe): Promise<ProbeOutcome> => {
    const expr = (p as { expr: string }).expr;
    const ok = expr === 'lost' ? true : active.size === 0;
    return { ok, message: `${expr} ${ok}` };
  };
  return { faults, evaluate, active, fixAll: () => active.clear() };
}

const waitFor = async (cond: () => boolean, ms = 3000): Promise<void> => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('LiveRun (a game day played by people)', () => {
  let journal: RunJournal;
  let cleanup: () => void;
  beforeEach(() => {
    ({ journal, cleanup } = tempJournal());
  });
  afterEach(() => cleanup());
  const make = (mode: 'training' | 'facilitated', w = world()) => ({ w, run: new LiveRun(SCENARIO, { runId: 'r1', labId: 'lab1', mode, speed: 10, steadyIntervalMs: 20 }, { journal, faults: w.faults, probes: {} as ProbeContext, evaluate: w.evaluate }) });
  const view = (role?: 'facilitator' | 'responder') => runView(SCENARIO, journal.get('r1')!, journal.events('r1'), { role });

  it('training: fault on the timeline, a failed check, a hint, the fix, detection, recovery and the score', async () => {
    const { w, run } = make('training');
    expect(await run.begin()).toBe(true);
    await waitFor(() => w.active.size === 1); // `at: 2s` at speed 10
    expect((await run.checkTask('fix')).ok).toBe(false);
    // the check told its start and each attempt as it went (the room shows them while it waits)
    const told = journal.events('r1').filter((e) => e.type === 'probe.started' || e.type === 'probe.attempt').map((e) => [e.type, e.data.phase]);
    expect(told).toContainEqual(['probe.started', 'task:fix']);
    expect(told).toContainEqual(['probe.attempt', 'task:fix']);
    expect(run.hint('fix')).toMatchObject({ text: 'look at the worker', cost: 2, index: 0 });
    expect(() => run.hint('fix')).toThrow(/no more hints/);
    await waitFor(() => journal.events('r1').some((e) => e.type === 'steady.broken'));
    w.fixAll();
    expect((await run.checkTask('fix')).ok).toBe(true);
    await waitFor(() => journal.events('r1').some((e) => e.type === 'steady.restored'));
    const out = await run.finish();
    expect(out.state).toBe('passed');
    // one failed check (-10) and a hint of cost 2 (-10): response 80; resilience 100
    expect(out.score).toMatchObject({ resilience: 100, response: 80, total: 90, hintsUsed: 1 });
    expect(out.score?.ttdMs).toBeGreaterThanOrEqual(0);
    expect(out.score?.ttrMs).toBeGreaterThan(0);
    const v = view();
    expect(v.tasks[0]).toMatchObject({ state: 'passed', failedAttempts: 1, hints: [{ text: 'look at the worker', cost: 2 }], solution: 'revert it' });
    expect(v.faults.find((f) => f.id === 'slow')?.status).toBe('reverted');
    expect(v.detectedMs).toBeDefined();
    expect(v.run).toMatchObject({ state: 'passed', score: 90 });
  });

  it("a task with after: <fault> fails its Check before that fault is applied (the lab is still healthy), without counting an attempt", async () => {
    const gated = parseScenario(
      SCENARIO_TEXT.replace('    detects: true\n', '    detects: true\n    after: slow\n'),
      'gated.yaml',
    );
    const w = world();
    const run = new LiveRun(gated, { runId: 'r1', labId: 'lab1', mode: 'training', speed: 1, steadyIntervalMs: 20 }, { journal, faults: w.faults, probes: {} as ProbeContext, evaluate: w.evaluate });
    await run.begin();
    // `slow` is due at 2 s: the lab is healthy now, so the check itself would pass
    const early = await run.checkTask('fix');
    expect(early).toMatchObject({ ok: false, message: expect.stringMatching(/^the incident has not happened yet/), attempts: 0 });
    expect(early.message).not.toMatch(/slow|worker/);
    expect(runView(gated, journal.get('r1')!, journal.events('r1')).tasks[0]).toMatchObject({ state: 'open', failedAttempts: 0 });
    await waitFor(() => w.active.size === 1, 5000);
    w.fixAll();
    expect((await run.checkTask('fix')).ok).toBe(true);
    await run.abort();
  });

  it('refuses after: naming no fault, or a manual one', () => {
    expect(() => parseScenario(SCENARIO_TEXT.replace('    detects: true\n', '    detects: true\n    after: nope\n'), 'bad.yaml')).toThrow(/tasks\.0\.after.*no fault has the id "nope"|no fault has the id "nope"/);
    expect(() => parseScenario(SCENARIO_TEXT.replace('    detects: true\n', '    detects: true\n    after: by-hand\n'), 'bad.yaml')).toThrow(/fault "by-hand" is manual/);
  });

  it("training: the lab's timeline marks when a fault is injected, not which one (the learner is meant to find it)", async () => {
    const w = world();
    const marks: { kind: string; title: string; data: Record<string, unknown> }[] = [];
    const run = new LiveRun(SCENARIO, { runId: 'r1', labId: 'lab1', mode: 'training', speed: 10, steadyIntervalMs: 20 }, { journal, faults: w.faults, probes: {} as ProbeContext, evaluate: w.evaluate, onLabEvent: (e) => marks.push(e) });
    await run.begin();
    await waitFor(() => w.active.size === 1);
    await run.revertFault('slow');
    await run.abort();
    const faultMarks = marks.filter((m) => m.kind.startsWith('fault.'));
    expect(faultMarks.map((m) => m.title)).toEqual(expect.arrayContaining(['a fault was injected', 'a fault was reverted']));
    expect(JSON.stringify(faultMarks)).not.toMatch(/slow|worker|app/);
  });

  it("facilitated: the lab's timeline names the fault (the facilitator's view; observers get it filtered by the server)", async () => {
    const w = world();
    const marks: { kind: string; title: string }[] = [];
    const run = new LiveRun(SCENARIO, { runId: 'r1', labId: 'lab1', mode: 'facilitated', speed: 10, steadyIntervalMs: 20 }, { journal, faults: w.faults, probes: {} as ProbeContext, evaluate: w.evaluate, onLabEvent: (e) => marks.push(e) });
    await run.begin();
    await run.inject('by-hand');
    await run.abort();
    expect(marks.find((m) => m.kind === 'fault.injected')?.title).toBe('fault by-hand: pause on worker');
  });

  it('facilitated: inject by hand, pause stops the timeline and the timer, extend, abort reverts', async () => {
    const { w, run } = make('facilitated');
    await run.begin();
    run.pause();
    const t0 = run.clock.elapsed();
    await new Promise((r) => setTimeout(r, 400)); // the timed fault is due at 200 ms of active time
    expect(w.active.size).toBe(0);
    expect(run.clock.elapsed()).toBe(t0);
    await expect(run.inject('by-hand')).rejects.toThrow(/paused cannot inject/);
    run.resume();
    await run.inject('by-hand');
    await expect(run.inject('by-hand')).rejects.toThrow(/already applied/);
    expect(w.active.size).toBeGreaterThanOrEqual(1);
    run.extend(5);
    expect(run.clock.limit()).toBe(1000 + 300_000);
    run.markDetected();
    expect(() => run.markDetected()).toThrow(/already marked/);
    run.note('paging the owner', 'scribe');
    expect(view('responder')).toMatchObject({ faults: [], faultsWithheld: true });
    expect(view('facilitator').faults.find((f) => f.id === 'by-hand')).toMatchObject({ status: 'applied', manual: true });
    const out = await run.abort();
    expect(out.state).toBe('aborted');
    expect(w.active.size).toBe(0);
    expect(journal.get('r1')?.state).toBe('aborted');
    expect(journal.events('r1').map((e) => e.type)).toEqual(expect.arrayContaining(['fault.applied', 'timer.extended', 'detected', 'note', 'faults.reverted']));
    await expect(run.checkTask('fix')).rejects.toThrow(/aborted cannot check/);
  });

  it("does the scenario's own clean-up (a revert marked cleanup: true) before verifying, in a run nobody solves", async () => {
    const withCleanup = { ...SCENARIO, solve: [{ revert: 'slow', cleanup: true as const }] };
    const w = world();
    const run = new LiveRun(withCleanup, { runId: 'r1', labId: 'lab1', mode: 'training', speed: 10, steadyIntervalMs: 20 }, { journal, faults: w.faults, probes: {} as ProbeContext, evaluate: w.evaluate });
    await run.begin();
    await waitFor(() => w.active.size === 1);
    const out = await run.finish();
    const types = journal.events('r1').map((e) => e.type);
    expect(types.indexOf('fault.reverted')).toBeGreaterThan(-1);
    expect(types.indexOf('fault.reverted')).toBeLessThan(types.findIndex((e, i) => e === 'probe' && (journal.events('r1')[i].data as { phase?: string }).phase === 'verify'));
    expect(out.state).toBe('passed'); // the task's final check and the steady state see the fault gone
  });

  it('ends by itself when the time is up, verifying what the learner left', async () => {
    const { run } = make('training');
    await run.begin(); // duration 10s at speed 10: 1 s
    const out = await run.done;
    expect(out.state).toBe('failed'); // the slow worker was never fixed: the task and the steady state fail
    expect(journal.events('r1').some((e) => e.type === 'timer.expired')).toBe(true);
  });
});
