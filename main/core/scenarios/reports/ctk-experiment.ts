import type { FaultStep, Probe, Scenario, SolveStep } from '../../../api/schemas/scenarios';

/** A Chaos Toolkit activity: a probe or an action with a provider (chaoslib `ensure_activity_is_valid`). */
export interface CtkActivity {
  type: 'probe' | 'action';
  name: string;
  provider: { type: 'process'; path: string; arguments: string[] };
  tolerance?: number;
  [labdeckKey: `labdeck_${string}`]: unknown;
}

export interface CtkExperiment {
  version: string;
  title: string;
  description: string;
  tags: string[];
  'steady-state-hypothesis': { title: string; probes: CtkActivity[] };
  method: CtkActivity[];
  rollbacks: CtkActivity[];
  extensions: { name: 'labdeck'; scenario: string; lab: string; [k: string]: unknown }[];
  dry: null;
}

const target = (t: { service: string; replica?: number | 'random' }): string => (t.replica === undefined ? t.service : `${t.service}#${String(t.replica)}`);

/**
 * The `labdeck` command that performs the activity from a shell, so the experiment names a real
 * executable (chaos validates that the process provider's path is on PATH); Labdeck itself runs the
 * activity in process and keeps the exact definition under `labdeck_*`.
 */
function probeArgs(lab: string, p: Probe): string[] {
  switch (p.type) {
    case 'promql':
      return ['query', lab, p.expr];
    case 'exec':
      return ['exec', lab, p.target.service, ...(typeof p.target.replica === 'number' ? ['--index', String(p.target.replica)] : []), '--', ...p.argv];
    default:
      return ['status', lab, '--json'];
  }
}

export function probeActivity(lab: string, p: Probe, tolerance?: number): CtkActivity {
  return {
    type: 'probe',
    name: p.name,
    provider: { type: 'process', path: 'labdeck', arguments: probeArgs(lab, p) },
    ...(tolerance === undefined ? {} : { tolerance }),
    labdeck_probe: p,
  };
}

export function faultActivity(lab: string, f: FaultStep): CtkActivity {
  return {
    type: 'action',
    name: f.id,
    provider: { type: 'process', path: 'labdeck', arguments: ['run', '--lab', lab, '--fault', f.id, '--action', f.action, '--target', target(f.target)] },
    labdeck_fault: f,
  };
}

export function rollbackActivity(lab: string, faultName: string, kind: string): CtkActivity {
  return {
    type: 'action',
    name: `revert ${faultName}`,
    provider: { type: 'process', path: 'labdeck', arguments: ['run', '--lab', lab, '--revert', faultName] },
    labdeck_revert: { fault: faultName, kind },
  };
}

const solveText = (s: SolveStep): string => ('exec' in s ? `exec ${s.exec.argv.join(' ')}` : 'revert' in s ? `revert ${s.revert}` : 'wait' in s ? `wait ${s.wait}` : 'relaunch' in s ? `relaunch ${s.relaunch.template}` : `check ${s.check}`);

/**
 * A scenario as a Chaos Toolkit experiment: the steady state is the hypothesis (each probe must
 * exit 0), the method is one action per fault then one probe per task check and final verification,
 * the rollbacks one per fault. What Chaos Toolkit has no word for (tasks, hints, scoring, solve)
 * stays in the `labdeck` extension.
 */
export function scenarioExperiment(s: Scenario, lab: string): CtkExperiment {
  return {
    version: '1.0.0',
    title: s.metadata.title,
    description: s.briefing.trim() || s.metadata.title,
    tags: s.metadata.tags.filter((t) => t !== ''),
    'steady-state-hypothesis': { title: `${s.metadata.lab} in its steady state`, probes: s.steadyState.probes.map((p) => probeActivity(lab, p, 0)) },
    method: [
      ...s.faults.map((f) => faultActivity(lab, f)),
      ...s.tasks.map((t) => ({ ...probeActivity(lab, t.check), labdeck_task: t.id })),
      ...s.verify.map((p) => ({ ...probeActivity(lab, p), labdeck_verify: true })),
    ],
    rollbacks: s.faults.map((f) => rollbackActivity(lab, f.id, f.action)),
    extensions: [
      {
        name: 'labdeck',
        scenario: s.metadata.name,
        lab,
        template: s.metadata.lab,
        difficulty: s.metadata.difficulty,
        duration: s.metadata.duration,
        objectives: s.metadata.objectives,
        tasks: s.tasks.map((t) => ({ id: t.id, prompt: t.prompt, hints: t.hints.length, detects: t.detects })),
        solve: s.solve.map(solveText),
        scoring: s.scoring,
      },
    ],
    dry: null,
  };
}
