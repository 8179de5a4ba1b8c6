import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Probe } from '../../api/schemas/scenarios';
import { tempJournal } from '../../testing/temp-journal';
import type { ProbeContext, ProbeOutcome } from './probes/probe-context';
import type { RunFaults } from './run-faults';
import type { RunJournal } from './run-journal';
import { parseScenario } from './scenario-loader';
import { runScenario } from './scenario-runner';

const SCENARIO = parseScenario(
  `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: demo, title: Demo, lab: mini, duration: 1m }
briefing: A worker is slow.
steadyState:
  probes: [{ name: healthy, type: promql, expr: healthy, comparator: '==', threshold: 1 }]
faults:
  - { id: slow, at: 1s, target: { service: worker }, action: app, params: { latencyMs: 500 } }
  - { id: later, after: slow, target: { service: worker }, action: pause }
  - { id: by-hand, manual: true, target: { service: worker }, action: kill }
tasks:
  - { id: fix, prompt: Make it fast, check: { name: fast, type: promql, expr: fast, comparator: '==', threshold: 1 }, solution: revert, detects: true }
verify: [{ name: nothing lost, type: promql, expr: lost, comparator: '==', threshold: 0 }]
solve: [{ revert: slow }, { revert: later }, { check: fix }]
`,
  'demo.yaml',
);

/** A lab reduced to flags: faults make it slow, reverts make it fast again. */
function world(opts: { healthy?: boolean; injectMs?: number } = {}) {
  const active = new Map<string, string>();
  const calls: string[] = [];
  let n = 0;
  const faults: RunFaults = {
    async inject(_lab, input, o) {
      const id = `f${++n}`;
      if (opts.injectMs) await new Promise((r) => setTimeout(r, opts.injectMs)); // a stop waits for the process to end
      active.set(id, input.kind);
      calls.push(`inject ${input.kind} ${JSON.stringify(input.params ?? {})} run=${o.runId}`);
      return { id };
    },
    async revert(id) {
      calls.push(`revert ${active.get(id)}`);
      active.delete(id);
      return {};
    },
    async revertAll() {
      const left = [...active.values()];
      calls.push(`revertAll [${left.join(',')}]`);
      active.clear();
      return left;
    },
  };
  const evaluate = async (p: Probe): Promise<ProbeOutcome> => {
    const expr = (p as { expr: string }).expr;
    const ok = expr === 'healthy' ? opts.healthy !== false : expr === 'fast' ? active.size === 0 : true;
    return { ok, message: `${expr} ${ok}` };
  };
  return { faults, evaluate, calls };
}

describe('runScenario', () => {
  let journal: RunJournal;
  let cleanup: () => void;
  beforeEach(() => {
    ({ journal, cleanup } = tempJournal());
  });
  afterEach(() => cleanup());
  const ctx = {} as ProbeContext;

  it('with --solve: injects on the timeline, solves, checks, verifies and passes', async () => {
    const w = world();
    const labEvents: string[] = [];
    const out = await runScenario(SCENARIO, { runId: 'r1', labId: 'lab1', solve: true, speed: 10 }, { journal, faults: w.faults, probes: ctx, evaluate: w.evaluate, onLabEvent: (e) => labEvents.push(`${e.kind} ${e.title}`) });
    expect(out.state).toBe('passed');
    // what the lab's dashboards draw on their time axes
    expect(labEvents).toEqual([
      'fault.injected fault slow: app on worker',
      'fault.injected fault later: pause on worker',
      'fault.reverted fault slow reverted',
      'fault.reverted fault later reverted',
      'check.passed task:fix fast: fast true',
      'check.passed verify nothing lost: lost true',
      'check.passed steady-state-after healthy: healthy true',
    ]);
    expect(out.score?.total).toBe(100);
    expect(w.calls).toEqual(['inject app {"latencyMs":500} run=r1', 'inject pause {} run=r1', 'revert app', 'revert pause', 'revertAll []']);
    // each probe tells its start and attempts first (the room shows them while it waits)
    const all = journal.events('r1').map((e) => e.type);
    all.forEach((t, i) => t === 'probe' && expect(all.slice(i - 2, i)).toEqual(['probe.started', 'probe.attempt']));
    const types = journal.events('r1').filter((e) => e.type !== 'probe.started' && e.type !== 'probe.attempt').map((e) => (e.type === 'run.state' ? `state:${e.data.state}` : e.type));
    expect(types).toEqual([
      'run.created',
      'scenario',
      'state:baseline',
      'probe',
      'state:running',
      'fault.skipped',
      'fault.applied',
      'fault.applied',
      'fault.reverting',
      'fault.reverted',
      'solve.step',
      'fault.reverting',
      'fault.reverted',
      'solve.step',
      'probe',
      'detected',
      'task.passed',
      'solve.step',
      'state:verifying',
      'probe',
      'probe',
      'score',
      'faults.reverting',
      'faults.reverted',
      'state:passed',
    ]);
    // the timed fault waited its offset (1 s at speed 10)
    const applied = journal.events('r1').find((e) => e.type === 'fault.applied')!;
    expect(applied.data.elapsedMs).toBeGreaterThanOrEqual(90);
    expect(journal.get('r1')).toMatchObject({ state: 'passed', score: 100 });
  });

  it('without --solve: the task check fails, the run fails, and its faults are reverted at the end', async () => {
    const w = world();
    const out = await runScenario(SCENARIO, { runId: 'r2', labId: 'lab1', solve: false, speed: 10 }, { journal, faults: w.faults, probes: ctx, evaluate: w.evaluate });
    expect(out.state).toBe('failed');
    expect(out.reason).toMatch(/task:fix fast: fast false/);
    expect(out.score!.total).toBeLessThan(100);
    expect(w.calls.at(-1)).toBe('revertAll [app,pause]');
  });

  it('checks the tasks only once a slow fault (a stop, an exec fault) has been applied', async () => {
    const w = world({ injectMs: 400 });
    await runScenario(SCENARIO, { runId: 'r4', labId: 'lab1', solve: false, speed: 10 }, { journal, faults: w.faults, probes: ctx, evaluate: w.evaluate });
    const types = journal.events('r4').map((e) => (e.type === 'probe' ? `probe:${String(e.data.phase)}` : e.type));
    // both timed faults (`slow`, then `later` after it) are applied before the task is checked
    expect(types.slice(0, types.indexOf('probe:task:fix')).filter((t) => t === 'fault.applied')).toHaveLength(2);
  });

  it('aborts before any fault when the steady state does not hold', async () => {
    const w = world({ healthy: false });
    const out = await runScenario(SCENARIO, { runId: 'r3', labId: 'lab1', solve: true }, { journal, faults: w.faults, probes: ctx, evaluate: w.evaluate });
    expect(out).toMatchObject({ state: 'aborted', reason: expect.stringContaining('steady state not met') });
    expect(w.calls).toEqual(['revertAll []']);
    expect(journal.get('r3')?.state).toBe('aborted');
  });
});
