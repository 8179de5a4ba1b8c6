import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_ACTIONS } from '../../api/schemas/fault-actions';
import { parseScenario } from '../scenarios/scenario-loader';
import { REPO_ROOT } from '../../testing/test-core';
import { INJECTORS } from './injectors';
import { FAULT_KINDS } from './fault-model';

/** network-partition.yaml with its one fault step replaced. */
const withFault = (step: string): string =>
  readFileSync(join(REPO_ROOT, 'resources/scenarios/network-partition.yaml'), 'utf8').replace(/^ {2}- \{ id: cut-off.*$/m, `  - ${step}`);
const problems = (step: string): string => {
  try {
    parseScenario(withFault(step), '/x/network-partition.yaml', 'network-partition');
    return '';
  } catch (err) {
    return (err as Error).message;
  }
};

describe('a scenario fault step is checked against the known actions at load', () => {
  it('the base scenario loads (so the failures below are the step)', () => {
    expect(problems('{ id: cut-off, at: 2s, target: { service: redis }, action: partition }')).toBe('');
  });

  it('refuses an unknown action, at its line, listing the actions', () => {
    const m = problems('{ id: cut-off, at: 2s, target: { service: redis }, action: explode }');
    expect(m).toMatch(/network-partition\.yaml:\d+:\d+: faults\[0\]\.action: expected one of kill, stop, restart, pause, loss, bandwidth, netem, app, partition, cpu, memory, disk, limit, exec, disk-fill, limits, stress; got "explode"/);
  });

  it('names the bad param: out of range, unknown key, missing, and a path with ..', () => {
    expect(problems('{ id: cut-off, at: 2s, target: { service: redis }, action: loss, params: { percent: 120 } }')).toMatch(/faults\[0\]\.params\.percent: /);
    expect(problems('{ id: cut-off, at: 2s, target: { service: redis }, action: stop, params: { timeout: 5 } }')).toMatch(/faults\[0\]\.params\.timeout: unknown key/);
    expect(problems('{ id: cut-off, at: 2s, target: { service: redis }, action: disk-fill, params: { size: 1m } }')).toMatch(/faults\[0\]\.params\.path: /);
    expect(problems('{ id: cut-off, at: 2s, target: { service: redis }, action: disk-fill, params: { path: /data/../srv, size: 1m } }')).toMatch(/faults\[0\]\.params\.path: must not contain "\.\."/);
    expect(problems('{ id: cut-off, at: 2s, target: { service: redis }, action: stress, params: { cpu: 1, memory: 1m } }')).toMatch(/faults\[0\]\.params: stress takes either cpu/);
  });

  it('every kind has its injector, and every action is a kind or an alias of one', () => {
    expect(Object.keys(INJECTORS).sort()).toEqual([...FAULT_KINDS].sort());
    expect(SCENARIO_ACTIONS.filter((a) => !(FAULT_KINDS as string[]).includes(a)).sort()).toEqual(['disk-fill', 'limits', 'stress']);
  });
});
