import { resolve } from 'node:path';
import { Scenario, type Probe } from '../../api/schemas/scenarios';
import { TemplateInvalidError, type IssueSink } from '../labs/template/template-issues';
import type { DocPath } from '../labs/template/yaml-locate';
import { parseYamlWithSchema, readYamlFile } from '../labs/template/yaml-schema-parse';
import { compileProbeRegex } from './probes/probe-regex';
import { ScenarioInvalidError } from './scenario-invalid';
import { checkTargets, type LabShapeResult, type LabShapes } from './scenario-targets';

function checkRegex(source: string | undefined, at: DocPath, sink: IssueSink): void {
  if (source === undefined) return;
  try {
    compileProbeRegex(source, 'm');
  } catch (err) {
    sink.error(at, (err as Error).message);
  }
}

function checkProbe(p: Probe, at: DocPath, sink: IssueSink): void {
  if (p.type === 'http') checkRegex(p.bodyRegex, [...at, 'bodyRegex'], sink);
  if (p.type === 'exec') checkRegex(p.stdoutRegex, [...at, 'stdoutRegex'], sink);
}

/** What zod cannot say: unique ids, references between steps, one trigger per fault, regexes that compile. */
function checkScenario(s: Scenario, sink: IssueSink, expectedName?: string): void {
  if (expectedName !== undefined && s.metadata.name !== expectedName) {
    sink.error(['metadata', 'name'], `the scenario in ${expectedName}.yaml must be named "${expectedName}", not "${s.metadata.name}"`);
  }
  const ids = new Map<string, string>();
  const claim = (id: string, at: DocPath, what: string): void => {
    const first = ids.get(id);
    if (first) sink.error(at, `duplicate id "${id}" (first used by ${first})`);
    else ids.set(id, what);
  };
  s.faults.forEach((f, i) => claim(f.id, ['faults', i, 'id'], `faults[${i}]`));
  s.tasks.forEach((t, i) => claim(t.id, ['tasks', i, 'id'], `tasks[${i}]`));
  s.faults.forEach((f, i) => {
    const triggers = [f.at !== undefined, f.after !== undefined, f.manual].filter(Boolean).length;
    if (triggers !== 1) sink.error(['faults', i], 'a fault needs exactly one of `at:` (an offset), `after:` (a fault or task id) or `manual: true`');
    if (f.after !== undefined && !ids.has(f.after)) sink.error(['faults', i, 'after'], `no fault or task has the id "${f.after}"`);
    if (f.after === f.id) sink.error(['faults', i, 'after'], 'a fault cannot come after itself');
  });
  const faultIds = new Set(s.faults.map((f) => f.id));
  const taskIds = new Set(s.tasks.map((t) => t.id));
  s.tasks.forEach((t, i) => {
    if (t.after !== undefined && !faultIds.has(t.after)) sink.error(['tasks', i, 'after'], `no fault has the id "${t.after}"`);
    else if (t.after !== undefined && s.faults.find((f) => f.id === t.after)?.manual) sink.error(['tasks', i, 'after'], `fault "${t.after}" is manual: a facilitator may never inject it, and the task could never pass`);
  });
  s.solve.forEach((step, i) => {
    if ('revert' in step && !faultIds.has(step.revert)) sink.error(['solve', i, 'revert'], `no fault has the id "${step.revert}"`);
    if ('check' in step && !taskIds.has(step.check)) sink.error(['solve', i, 'check'], `no task has the id "${step.check}"`);
    for (const t of 'task' in step ? [step.task ?? []].flat() : []) if (!taskIds.has(t)) sink.error(['solve', i, 'task'], `no task has the id "${t}"`);
    if ('cleanup' in step && step.cleanup && 'task' in step && step.task !== undefined) sink.error(['solve', i], 'a solve step is either a task\'s (`task:`) or the scenario\'s own clean-up (`cleanup: true`), not both');
  });
  s.steadyState.probes.forEach((p, i) => checkProbe(p, ['steadyState', 'probes', i], sink));
  s.tasks.forEach((t, i) => checkProbe(t.check, ['tasks', i, 'check'], sink));
  s.verify.forEach((p, i) => checkProbe(p, ['verify', i], sink));
}

/** The shared YAML readers speak of templates; a scenario's problems get the scenario's own code and hint. */
function rethrowAsScenario(err: unknown, file: string): never {
  if (err instanceof TemplateInvalidError) throw new ScenarioInvalidError(resolve(file), err.issues);
  throw err;
}

/**
 * Parses and validates a scenario; with its lab's shape, every target is checked against the lab too.
 * SCENARIO_INVALID lists every problem as FILE:LINE:COL: PATH: MESSAGE.
 */
export function parseScenario(text: string, file: string, expectedName?: string, lab?: LabShapeResult): Scenario {
  try {
    return parseYamlWithSchema(text, file, Scenario, (s, sink) => {
      checkScenario(s, sink, expectedName);
      if (lab) checkTargets(s, lab, sink);
    });
  } catch (err) {
    rethrowAsScenario(err, file);
  }
}

/** Reads and validates a scenario file; `shapes` tells what its lab has, so targets are checked at load time. */
export async function loadScenario(file: string, expectedName?: string, shapes?: LabShapes): Promise<Scenario> {
  const text = await readYamlFile(file, 'scenario').catch((err: unknown) => rethrowAsScenario(err, file));
  const scenario = parseScenario(text, file, expectedName);
  if (!shapes) return scenario;
  // Parsed again with the lab's shape so the target problems are located in the same document.
  return parseScenario(text, file, expectedName, await shapes(scenario.metadata.lab));
}
