import type { Scenario, SolveStep } from '../../api/schemas/scenarios';
import { execCapture } from '../labs/engine-ops/exec-capture';
import { sleepUnlessAborted } from '../system/sleep';
import { LiveRun } from './live/live-run';
import type { RunnerDeps, RunOutcome } from './live/run-deps';
import { parseMs } from './probes/evaluate-probe';
import { resolveTarget } from './probes/probe-target';

export type { RunnerDeps, RunOutcome } from './live/run-deps';

export interface RunOptions {
  runId: string;
  labId: string;
  /** Perform the scenario's solve steps (headless: a passing run proves the scenario can be solved). */
  solve: boolean;
  /** Durations are divided by this. */
  speed?: number;
  steadyIntervalMs?: number;
  /** The run started the lab itself (see LiveRunOptions.ownLab). */
  ownLab?: boolean;
}

/**
 * Runs a scenario headless on a running lab: the steady state must hold (else aborted), the faults
 * are injected on their timeline (each revert recorded by the faults service first), the solve steps
 * run when asked, then the tasks' checks, the verify probes and the steady state again decide passed
 * or failed. Every step is journaled; the run's faults are reverted whatever happens.
 */
export async function runScenario(s: Scenario, o: RunOptions, d: RunnerDeps): Promise<RunOutcome> {
  const run = new LiveRun(s, { runId: o.runId, labId: o.labId, mode: 'headless', speed: o.speed, steadyIntervalMs: o.steadyIntervalMs, ownLab: o.ownLab }, d);
  try {
    if (!(await run.begin())) return await run.done;
    for (const f of s.faults.filter((x) => x.manual)) run.skip(f.id, 'manual: a facilitator injects it (headless runs skip it)');
    // the timed and `after:` faults first (as a learner would meet them), then the fix
    while (run.scheduled() && !run.final) await sleepUnlessAborted(50, d.signal);
    if (o.solve) for (const [i, step] of s.solve.entries()) if (!run.final) await solveStep(run, step, i, d);
    if (!run.final) await run.finish();
  } catch (err) {
    await run.abort(err instanceof Error ? err.message : String(err));
  }
  return run.done;
}

async function solveStep(run: LiveRun, step: SolveStep, i: number, d: RunnerDeps): Promise<void> {
  const journal = (type: string, data: Record<string, unknown>): void => void d.journal.append(run.o.runId, type, data);
  if ('wait' in step) {
    await sleepUnlessAborted(parseMs(step.wait) / (run.o.speed ?? 1), d.signal);
    journal('solve.step', { step: i, ...step });
  } else if ('revert' in step) {
    await run.revertFault(step.revert);
    journal('solve.step', { step: i, ...step });
  } else if ('check' in step) {
    await run.checkTask(step.check, true);
    journal('solve.step', { step: i, ...step });
  } else if ('relaunch' in step) {
    if (!d.relaunch) throw new Error(`solve step ${i} relaunches the lab, which this runner cannot do`);
    await d.relaunch(step.relaunch.template);
    journal('solve.step', { step: i, ...step });
  } else {
    const c = await resolveTarget(d.probes.docker, run.o.labId, step.exec.target);
    const r = await execCapture(d.probes.docker, d.probes.docker.getContainer(c.Id), step.exec.argv, 30_000);
    journal('solve.exec', { step: i, argv: step.exec.argv, exitCode: r.exitCode, stdout: r.stdout.slice(0, 2000), stderr: r.stderr.slice(0, 2000) });
    if (r.exitCode !== step.exec.exitCode) throw new Error(`solve step ${i} (${step.exec.argv.join(' ')}) exited ${r.exitCode}: ${r.stderr.trim() || r.stdout.trim()}`);
  }
}
