import type { Scenario } from '../../api/schemas/scenarios';
import type { IssueSink } from '../labs/template/template-issues';
import type { DocPath } from '../labs/template/yaml-locate';
import { kubectlRefs } from './kubectl-refs';

/** What a scenario may aim at in its lab: services with their replica counts, networks, and in a cluster the objects its manifests create. */
export interface LabShape {
  name: string;
  kind: 'compose' | 'cluster';
  services: Map<string, number>;
  networks: string[];
  /** Cluster labs: `Kind/namespace/name` of each workload and `Namespace//name` of each namespace. */
  objects?: Set<string>;
}

/** A lab's shape, or why it cannot be known (no such template, or the template does not load). */
export type LabShapeResult = LabShape | { error: string };
export type LabShapes = (lab: string) => Promise<LabShapeResult>;

type Target = { service: string; replica?: number | 'random' };

const list = (names: Iterable<string>): string => [...names].join(', ');

function checkTarget(target: Target, at: DocPath, lab: LabShape, sink: IssueSink): void {
  const replicas = lab.services.get(target.service);
  if (replicas === undefined) {
    sink.error([...at, 'service'], `the lab ${lab.name} has no service "${target.service}" (it has ${list(lab.services.keys())})`);
  } else if (typeof target.replica === 'number' && target.replica > replicas) {
    sink.error([...at, 'replica'], `service ${target.service} of ${lab.name} has ${replicas === 1 ? '1 replica' : `${replicas} replicas`}, so there is no replica ${target.replica}`);
  }
}

function checkKubectl(argv: string[], at: DocPath, lab: LabShape, sink: IssueSink): void {
  if (!lab.objects) return;
  for (const ref of kubectlRefs(argv)) {
    if (lab.objects.has(`${ref.kind}/${ref.namespace}/${ref.name}`)) continue;
    const where = ref.kind === 'Namespace' ? '' : ` in namespace ${ref.namespace}`;
    sink.error([...at, ref.index], `the manifests of ${lab.name} create no ${ref.kind} "${ref.name}"${where}`);
  }
}

/** Every target of the scenario (probes, faults, checks, solve steps) checked against its lab. */
export function checkTargets(s: Scenario, lab: LabShapeResult, sink: IssueSink): void {
  if ('error' in lab) {
    sink.error(['metadata', 'lab'], lab.error);
    return;
  }
  const probe = (p: Scenario['verify'][number], at: DocPath): void => {
    if ('target' in p) checkTarget(p.target, [...at, 'target'], lab, sink);
    if (p.type === 'exec') checkKubectl(p.argv, [...at, 'argv'], lab, sink);
  };
  if (s.terminal) checkTarget(s.terminal, ['terminal'], lab, sink);
  s.steadyState.probes.forEach((p, i) => probe(p, ['steadyState', 'probes', i]));
  s.tasks.forEach((t, i) => probe(t.check, ['tasks', i, 'check']));
  s.verify.forEach((p, i) => probe(p, ['verify', i]));
  s.solve.forEach((step, i) => {
    if (!('exec' in step)) return;
    checkTarget(step.exec.target, ['solve', i, 'exec', 'target'], lab, sink);
    checkKubectl(step.exec.argv, ['solve', i, 'exec', 'argv'], lab, sink);
  });
  s.faults.forEach((f, i) => {
    checkTarget(f.target, ['faults', i, 'target'], lab, sink);
    const params = f.params as { network?: unknown; from?: unknown; argv?: unknown; revertArgv?: unknown };
    if (f.action === 'partition' && typeof params.network === 'string' && !lab.networks.includes(params.network)) {
      sink.error(['faults', i, 'params', 'network'], `the lab ${lab.name} has no network "${params.network}" (it has ${list(lab.networks)})`);
    }
    if (f.action === 'partition' && typeof params.from === 'string' && !lab.services.has(params.from)) {
      sink.error(['faults', i, 'params', 'from'], `the lab ${lab.name} has no service "${params.from}" (it has ${list(lab.services.keys())})`);
    }
    for (const key of ['argv', 'revertArgv'] as const) {
      const argv = params[key];
      if (Array.isArray(argv) && argv.every((a) => typeof a === 'string')) checkKubectl(argv, ['faults', i, 'params', key], lab, sink);
    }
  });
}
