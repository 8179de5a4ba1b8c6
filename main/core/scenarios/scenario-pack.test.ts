import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Probe, Scenario } from '../../api/schemas/scenarios';
import { FaultSpec } from '../faults/fault-model';
import { faultFromStep } from '../faults/fault-step';
import { parseScenario } from './scenario-loader';

const SCENARIOS = join(process.cwd(), 'resources', 'scenarios');
const LABS = join(process.cwd(), 'resources', 'labs');
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();

const load = (file: string): Scenario => parseScenario(readFileSync(join(SCENARIOS, file), 'utf8'), file, file.replace(/\.yaml$/, ''));
const CLUSTERS = join(process.cwd(), 'resources', 'clusters');
/** The services of a Compose lab template; undefined for a cluster template (its targets are k3d nodes). */
const services = (lab: string): string[] | undefined =>
  existsSync(join(LABS, lab, 'compose.yaml'))
    ? Object.keys((parse(readFileSync(join(LABS, lab, 'compose.yaml'), 'utf8')) as { services: Record<string, unknown> }).services)
    : undefined;
/** Probes and steps that name a service, with where they are. */
function targets(s: Scenario): { at: string; service: string }[] {
  const ofProbe = (p: Probe, at: string) => ('target' in p ? [{ at, service: p.target.service }] : []);
  return [
    ...s.steadyState.probes.flatMap((p, i) => ofProbe(p, `steadyState.probes[${i}]`)),
    ...s.faults.map((f) => ({ at: `faults.${f.id}`, service: f.target.service })),
    ...s.tasks.flatMap((t) => ofProbe(t.check, `tasks.${t.id}.check`)),
    ...s.verify.flatMap((p, i) => ofProbe(p, `verify[${i}]`)),
    ...s.solve.flatMap((step, i) => ('exec' in step ? [{ at: `solve[${i}]`, service: step.exec.target.service }] : [])),
  ];
}

describe('the built-in scenario pack', () => {
  it('has the game days of the pack', () => {
    expect(files.map((f) => f.replace(/\.yaml$/, ''))).toEqual(
      expect.arrayContaining(['etcd-restore-drill', 'redis-unbounded-stream', 'nats-node-loss', 'etcd-quota-alarm', 'etcd-leader-loss', 'node-down-alert-chain', 'slow-dependency', 'canary-bad-release', 'oom-kill', 'network-partition', 'redis-worker-crash']),
    );
  });

  for (const file of files) {
    describe(file, () => {
      it('loads against the schema (references, regexes, name = file name)', () => {
        expect(() => load(file)).not.toThrow();
      });

      it('gives every task a hint with a cost, a check and solution text; it has faults, verify and solve steps', () => {
        const s = load(file);
        expect(s.tasks.length).toBeGreaterThan(0);
        for (const t of s.tasks) {
          expect(t.hints.length, `${t.id} has no hint`).toBeGreaterThan(0);
          for (const h of t.hints) expect(h.cost, `${t.id}: a hint without a cost`).toBeGreaterThan(0);
          expect(t.check.name.length).toBeGreaterThan(0);
          expect(t.solution.trim().length, `${t.id} has no solution text`).toBeGreaterThan(20);
        }
        // a training scenario's lab starts wrong (harden-the-lab's loose service): nothing to inject
        if (!s.metadata.tags.includes('training')) expect(s.faults.length).toBeGreaterThan(0);
        expect(s.verify.length).toBeGreaterThan(0);
        expect(s.solve.length).toBeGreaterThan(0);
      });

      it('runs on a built-in lab (a Compose one: names only its services)', () => {
        const s = load(file);
        const known = services(s.metadata.lab);
        if (!known) {
          expect(existsSync(join(CLUSTERS, s.metadata.lab)), `no lab or cluster template ${s.metadata.lab}`).toBe(true);
          return;
        }
        for (const t of targets(s)) expect(known, `${t.at} names ${t.service}, not a service of ${s.metadata.lab}`).toContain(t.service);
      });

      it('has faults the faults service accepts', () => {
        for (const f of load(file).faults) {
          const r = FaultSpec.safeParse(faultFromStep(f));
          expect(r.success, `${f.id}: ${r.success ? '' : r.error.message}`).toBe(true);
        }
      });
    });
  }
});
