import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../api/schemas/scenarios';
import { ClusterCatalog } from '../cluster/cluster-catalog';
import { TemplateCatalog } from '../labs/template-catalog';
import { FaultSpec } from '../faults/fault-model';
import { faultFromStep } from '../faults/fault-step';
import { labShapes } from './lab-shapes';
import { fairnessProblems } from './scenario-fairness';
import { loadScenario, parseScenario } from './scenario-loader';

const SCENARIOS = join(process.cwd(), 'resources', 'scenarios');
const LABS = join(process.cwd(), 'resources', 'labs');
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml')).sort();

const load = (file: string): Scenario => parseScenario(readFileSync(join(SCENARIOS, file), 'utf8'), file, file.replace(/\.yaml$/, ''));
const CLUSTERS = join(process.cwd(), 'resources', 'clusters');
/** What each built-in lab has (services, replicas, networks; a cluster's nodes and manifests' objects), read as the app reads it. */
const shapes = labShapes({
  templates: new TemplateCatalog({ builtIn: LABS, user: join(SCENARIOS, 'no-user-labs') }),
  clusters: new ClusterCatalog({ builtIn: CLUSTERS, user: join(SCENARIOS, 'no-user-clusters') }),
});

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

      it('runs on a built-in lab and names only what that lab has (cluster labs too)', async () => {
        const s = load(file);
        expect(existsSync(join(LABS, s.metadata.lab)) || existsSync(join(CLUSTERS, s.metadata.lab)), `no lab or cluster template ${s.metadata.lab}`).toBe(true);
        await expect(loadScenario(join(SCENARIOS, file), file.replace(/\.yaml$/, ''), shapes)).resolves.toBeTruthy();
      });

      it('is fair: every solve step is a task the learner sees or the scenario\'s own clean-up', () => {
        expect(fairnessProblems(load(file))).toEqual([]);
      });

      it('opens the shell its briefing promises (`terminal:` names the service of "a shell in `X`")', () => {
        const s = load(file);
        const promised = /shell in `([\w-]+)`/.exec(s.briefing)?.[1];
        if (promised) expect(s.terminal?.service, `the briefing promises a shell in ${promised}`).toBe(promised);
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
