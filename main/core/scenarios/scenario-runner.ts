import { sleepUnlessAborted } from '../system/sleep';
import type { FaultStep, Probe, Scenario, SolveStep } from '../../api/schemas/scenarios';
import { faultFromStep } from '../faults/fault-step';
import { execCapture } from '../labs/engine-ops/exec-capture';
import { checkProbe, type CheckResult } from './probes/check-probe';
import { parseMs } from './probes/evaluate-probe';
import type { ProbeContext, ProbeOutcome } from './probes/probe-context';
import { resolveTarget } from './probes/probe-target';
import type { RunFaults } from './run-faults';
import type { RunJournal } from './run-journal';
import { transition, type RunState } from './run-state';
import { scoreRun, type Score } from './scoring';

export interface RunnerDeps {
  journal: RunJournal;
  faults: RunFaults;
  probes: ProbeContext;
  /** Replaces probe evaluation (tests of the runner's logic). */
  evaluate?: (p: Probe, ctx: ProbeContext) => Promise<ProbeOutcome>;
  signal?: AbortSignal;
  /** The run's faults and checks as the lab's events (drawn on its dashboards' time axes). */
  onLabEvent?: (e: { kind: 'fault.injected' | 'fault.reverted' | 'check.passed' | 'check.failed'; title: string; data: Record<string, unknown> }) => void;
}

export interface RunOptions {
  runId: string;
  labId: string;
  /** Perform the scenario's solve steps (headless: a passing run proves the scenario can be solved). */
  solve: boolean;
  /** Durations are divided by this. */
  speed?: number;
  mode?: string;
}

export interface RunOutcome {
  runId: string;
  state: Extract<RunState, 'passed' | 'failed' | 'aborted'>;
  reason?: string;
  score?: Score;
  checks: { phase: string; name: string; ok: boolean; message: string }[];
}


/**
 * Runs a scenario headless on a running lab: the steady state must hold (else aborted), the faults
 * are injected on their timeline (each revert recorded by the faults service first), the solve steps
 * run when asked, then the tasks' checks, the verify probes and the steady state again decide passed
 * or failed. Every step is journaled; the run's faults are reverted whatever happens.
 */
export async function runScenario(s: Scenario, o: RunOptions, d: RunnerDeps): Promise<RunOutcome> {
  const speed = o.speed ?? 1;
  const j = d.journal;
  let state: RunState = 'created';
  const checks: RunOutcome['checks'] = [];
  const go = (to: RunState, reason?: string): void => {
    state = transition(state, to);
    j.setState(o.runId, state, reason ? { reason } : {});
  };
  const check = async (phase: string, p: Probe): Promise<CheckResult> => {
    const r = await checkProbe(p, d.probes, { speed, signal: d.signal, evaluate: d.evaluate });
    checks.push({ phase, name: r.name, ok: r.ok, message: r.message });
    j.append(o.runId, 'probe', { phase, name: r.name, ok: r.ok, message: r.message, attempts: r.attempts, ms: r.ms });
    if (phase !== 'steady-state-before') d.onLabEvent?.({ kind: r.ok ? 'check.passed' : 'check.failed', title: `${phase} ${r.name}: ${r.message}`, data: { runId: o.runId, phase } });
    return r;
  };
  const applied = new Map<string, string>();
  const injectFault = async (f: FaultStep): Promise<void> => {
    const spec = faultFromStep(f);
    if (spec.durationMs) spec.durationMs = Math.max(1, Math.round(spec.durationMs / speed));
    const active = await d.faults.inject(o.labId, spec, { runId: o.runId });
    applied.set(f.id, active.id);
    j.append(o.runId, 'fault.applied', { fault: f.id, kind: f.action, target: f.target, faultId: active.id, description: f.description });
    d.onLabEvent?.({ kind: 'fault.injected', title: `fault ${f.id}: ${f.action} on ${f.target.service}${f.description ? ` (${f.description})` : ''}`, data: { runId: o.runId, fault: f.id } });
  };

  j.create({ id: o.runId, scenario: s.metadata.name, labId: o.labId, mode: o.mode ?? 'headless' });
  try {
    go('baseline');
    const before = [];
    for (const p of s.steadyState.probes) before.push(await check('steady-state-before', p));
    if (before.some((r) => !r.ok)) {
      go('aborted', `steady state not met before the faults: ${before.filter((r) => !r.ok).map((r) => `${r.name} (${r.message})`).join('; ')}`);
      return { runId: o.runId, state: 'aborted', reason: 'steady state not met', checks };
    }

    go('running');
    const taskPassed = new Map<string, boolean>();
    const failedAttempts = new Map<string, number>();
    await runTimeline(s, speed, injectFault, (f) => j.append(o.runId, 'fault.skipped', { fault: f.id, reason: 'manual: a facilitator injects it' }), d.signal);
    const runTask = async (id: string): Promise<void> => {
      const task = s.tasks.find((t) => t.id === id)!;
      const r = await check(`task:${id}`, task.check);
      taskPassed.set(id, r.ok);
      if (!r.ok) failedAttempts.set(id, (failedAttempts.get(id) ?? 0) + 1);
      j.append(o.runId, r.ok ? 'task.passed' : 'task.failed', { task: id, detects: task.detects, message: r.message });
    };
    const solveStep = async (step: SolveStep, i: number): Promise<void> => {
      if ('wait' in step) await sleepUnlessAborted(parseMs(step.wait) / speed, d.signal);
      else if ('revert' in step) {
        const id = applied.get(step.revert);
        if (id) await d.faults.revert(id);
        d.onLabEvent?.({ kind: 'fault.reverted', title: `fault ${step.revert} reverted`, data: { runId: o.runId, fault: step.revert } });
      } else if ('check' in step) await runTask(step.check);
      else {
        const c = await resolveTarget(d.probes.docker, o.labId, step.exec.target);
        const r = await execCapture(d.probes.docker, d.probes.docker.getContainer(c.Id), step.exec.argv, 30_000);
        j.append(o.runId, 'solve.exec', { step: i, argv: step.exec.argv, exitCode: r.exitCode, stdout: r.stdout.slice(0, 2000), stderr: r.stderr.slice(0, 2000) });
        if (r.exitCode !== step.exec.exitCode) throw new Error(`solve step ${i} (${step.exec.argv.join(' ')}) exited ${r.exitCode}: ${r.stderr.trim() || r.stdout.trim()}`);
        return;
      }
      j.append(o.runId, 'solve.step', { step: i, ...step });
    };
    if (o.solve) for (const [i, step] of s.solve.entries()) await solveStep(step, i);
    for (const t of s.tasks) if (!taskPassed.get(t.id)) await runTask(t.id);

    go('verifying');
    const verify = [];
    for (const p of s.verify) verify.push(await check('verify', p));
    const after = [];
    for (const p of s.steadyState.probes) after.push(await check('steady-state-after', p));
    const probes = [...after, ...verify].map((r) => r.ok);
    const tasks = s.tasks.map((t) => ({ passed: taskPassed.get(t.id) ?? false, failedAttempts: o.solve ? 0 : (failedAttempts.get(t.id) ?? 0) }));
    const score = scoreRun(s, { probes, tasks, hintCost: 0 });
    const ok = probes.every(Boolean) && tasks.every((t) => t.passed);
    j.append(o.runId, 'score', { ...score });
    state = transition(state, ok ? 'passed' : 'failed');
    j.setState(o.runId, state, { score: score.total, ...(ok ? {} : { reason: 'checks failed' }) });
    return { runId: o.runId, state: ok ? 'passed' : 'failed', score, checks, ...(ok ? {} : { reason: checks.filter((c) => !c.ok).map((c) => `${c.phase} ${c.name}: ${c.message}`).join('; ') }) };

  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (state !== 'passed' && state !== 'failed' && state !== 'aborted') go('aborted', reason);
    return { runId: o.runId, state: 'aborted', reason, checks };
  } finally {
    const reverted = await d.faults.revertAll({ runId: o.runId }).catch((e: unknown) => [String(e)]);
    j.append(o.runId, 'faults.reverted', { count: reverted.length });
    if (reverted.length) d.onLabEvent?.({ kind: 'fault.reverted', title: `${reverted.length} faults reverted at the end of the run`, data: { runId: o.runId } });
  }
}

/** Injects the timed faults at their offsets and the `after` ones after their fault; manual ones are only noted. */
async function runTimeline(s: Scenario, speed: number, inject: (f: FaultStep) => Promise<void>, skip: (f: FaultStep) => void, signal?: AbortSignal): Promise<void> {
  const started = Date.now();
  const done = new Set<string>();
  const pending = [...s.faults];
  for (const f of pending.filter((f) => f.manual)) skip(f);
  let queue = pending.filter((f) => !f.manual);
  while (queue.length && !signal?.aborted) {
    const ready = queue.filter((f) => (f.after ? done.has(f.after) : true)).sort((a, b) => parseMs(a.at ?? '0s') - parseMs(b.at ?? '0s'));
    if (!ready.length) break; // `after:` a task: those wait for the learner, not the timeline
    const next = ready[0];
    const due = started + (next.at ? parseMs(next.at) / speed : 0);
    await sleepUnlessAborted(Math.max(0, due - Date.now()), signal);
    await inject(next);
    done.add(next.id);
    queue = queue.filter((f) => f !== next);
  }
}
