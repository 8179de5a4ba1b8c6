import type { Scenario, SolveStep } from '../../api/schemas/scenarios';

/** One solve step as its author reads it, for a lint message. */
function describeStep(step: SolveStep): string {
  if ('exec' in step) return `exec ${step.exec.argv.join(' ').slice(0, 60)}`;
  if ('revert' in step) return `revert ${step.revert}`;
  if ('wait' in step) return `wait ${step.wait}`;
  if ('check' in step) return `check ${step.check}`;
  return `relaunch ${step.relaunch.template}`;
}

/**
 * Whether a learner can pass the scenario by doing what it asks. The headless `--solve` run proves the
 * solve steps make verify and the steady state pass; this proves each of those steps is either a task
 * the learner sees (`task: <id>`, or a `check:` of that task, after the steps done for it) or the
 * scenario's own clean-up (`cleanup: true` on a revert, which every run performs before verifying).
 * A step that is neither is work only the solver does: a learner could never pass. Returns the problems.
 */
export function fairnessProblems(s: Scenario): string[] {
  const problems: string[] = [];
  const taskIds = new Set(s.tasks.map((t) => t.id));
  const checkedAt = new Map<string, number>();
  s.solve.forEach((step, i) => {
    if ('check' in step && !checkedAt.has(step.check)) checkedAt.set(step.check, i);
  });
  s.solve.forEach((step, i) => {
    const at = `solve[${i}] (${describeStep(step)})`;
    if ('check' in step) return;
    const cleanup = 'cleanup' in step && step.cleanup === true;
    const tasks = [step.task ?? []].flat();
    if (cleanup && tasks.length) problems.push(`${at} is marked both as task ${tasks.join(', ')}'s and as clean-up`);
    else if (cleanup) return;
    else if (!tasks.length) problems.push(`${at} is done by the solver but asked of the learner by no task: name the task it performs (task: <id>) or, for a revert the scenario does itself, mark it cleanup: true`);
    for (const task of tasks) {
      if (!taskIds.has(task)) problems.push(`${at} names task ${task}, which the scenario does not have`);
      else if ((checkedAt.get(task) ?? Infinity) < i) problems.push(`${at} is done for task ${task} after that task's check passed: it is not what the task asked`);
    }
  });
  return problems;
}
