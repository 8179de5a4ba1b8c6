import { describe, expect, it } from 'vitest';
import { parseScenario } from './scenario-loader';
import { fairnessProblems } from './scenario-fairness';

const scenario = (solve: string) =>
  parseScenario(
    `apiVersion: labdeck.dev/v1
kind: Scenario
metadata: { name: demo, title: Demo, lab: mini, duration: 10s }
briefing: A worker died.
steadyState:
  probes: [{ name: both up, type: promql, expr: up, comparator: '==', threshold: 2 }]
faults:
  - { id: no-claim, at: 0s, target: { service: worker }, action: app, params: { autoClaim: false } }
  - { id: dies, at: 1s, target: { service: worker, replica: 1 }, action: stop }
tasks:
  - id: reclaim
    prompt: Get the entries processed
    hints: [{ text: XAUTOCLAIM, cost: 1 }]
    check: { name: none pending, type: promql, expr: pending, comparator: '==', threshold: 0 }
    solution: XAUTOCLAIM them to the live worker
verify: [{ name: nothing lost, type: promql, expr: lost, comparator: '==', threshold: 0 }]
solve:
${solve}
`,
    'demo.yaml',
  );

describe('fairnessProblems (a learner can do what the solver does)', () => {
  it('flags a revert that no task asks for and the scenario does not do itself (redis-worker-crash as it was)', () => {
    const problems = fairnessProblems(scenario(`  - { revert: no-claim, task: reclaim }\n  - { check: reclaim }\n  - { revert: dies }`));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/solve\[2\] \(revert dies\) is done by the solver but asked of the learner by no task/);
  });

  it('accepts steps that name their task, checks, and the scenario\'s own clean-up', () => {
    expect(fairnessProblems(scenario(`  - { wait: 1s, task: reclaim }\n  - { revert: no-claim, task: reclaim }\n  - { check: reclaim }\n  - { revert: dies, cleanup: true }`))).toEqual([]);
  });

  it('flags a step done for a task after that task\'s check passed', () => {
    expect(fairnessProblems(scenario(`  - { check: reclaim }\n  - { revert: dies, task: reclaim }`))).toEqual([expect.stringMatching(/solve\[1\] \(revert dies\) is done for task reclaim after that task's check passed/)]);
  });

  it('refuses at load a step naming a task the scenario lacks, or both a task and clean-up', () => {
    expect(() => scenario(`  - { revert: dies, task: nope }`)).toThrow(/solve\.0\.task.*no task has the id "nope"|no task has the id "nope"/);
    expect(() => scenario(`  - { revert: dies, task: reclaim, cleanup: true }`)).toThrow(/either a task's .* or the scenario's own clean-up/);
  });

  it('allows clean-up only on a revert (the schema)', () => {
    expect(() => scenario(`  - { exec: { target: { service: worker }, argv: [true] }, cleanup: true }`)).toThrow(/solve\[0\]/);
  });
});
