import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDocker } from '../../testing/requirements';
import { engineRows } from '../../testing/engines';
import { REPO_ROOT, RESOURCES, testCore, uniqueLab } from '../../testing/test-core';
import { loadScenario } from '../scenarios/scenario-loader';
import { observe } from './fault-state-snapshot';
import { faultFromStep } from './fault-step';

const ready = await hasDocker();
// without an engine: one placeholder row, skipped (hasDocker said so loudly, or failed under LABDECK_REQUIRE_DOCKER)
const engines = engineRows(ready);


/**
 * The drill behind issue 14's first finding: redis-worker-crash's app faults on a real worker (a lab
 * of just redis and one worker), then the run's revert (latest first). The worker's /admin must be
 * what it was — autoClaim on again — where the old revert body `{}` left it without its claim loop.
 */
for (const { name: engineName, endpoint } of engines) {
  describe.skipIf(!ready)(`redis-worker-crash's app faults are undone exactly, on ${engineName}`, () => {
    const t = testCore(endpoint);
    const lab = uniqueLab('fappw');

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'labdeck-workerlab-'));
      try {
        cpSync(join(REPO_ROOT, 'main/core/faults/fixtures/workerlab'), dir, { recursive: true });
        mkdirSync(join(dir, 'workloads'));
        cpSync(join(RESOURCES, 'labs/redis-streams/workloads/redis-worker.js'), join(dir, 'workloads/redis-worker.js'));
        const done = await t.core.jobs.wait((await t.core.labs.up(dir, lab)).jobId);
        if (done.error) throw new Error(`${done.error.code} ${done.error.message}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      // the worker answers /admin once it has started
      for (let i = 0; i < 60; i++) {
        try {
          observe(endpoint, `${lab}-worker-1`, { adminPort: 9464 });
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
    }, 240_000);
    afterAll(async () => {
      await t.core.faults.revertAll({ labId: lab });
      await t.core.labs.down(lab).catch(() => undefined);
      await t.cleanup();
    }, 120_000);

    it('autoClaim: false and the hang on worker 1 are reverted to the worker state before them', async () => {
      const scenario = await loadScenario(join(RESOURCES, 'scenarios/redis-worker-crash.yaml'), 'redis-worker-crash');
      const appSteps = scenario.faults.filter((f) => f.action === 'app' && f.target.replica === 1);
      expect(appSteps.map((f) => f.id)).toEqual(['no-claim-1', 'slow-1']);
      const look = () => observe(endpoint, `${lab}-worker-1`, { adminPort: 9464 }).admin as { faults: Record<string, unknown> };
      const before = look();
      expect(before.faults.autoClaim).toBe(true);
      for (const step of appSteps) await t.core.faults.inject(lab, faultFromStep(step), { runId: 'r-feq' });
      expect(look().faults).toMatchObject({ autoClaim: false, latencyMs: 600_000 });
      const reports = await t.core.faults.revertAll({ runId: 'r-feq' });
      expect(reports.map((r) => r.outcome)).toEqual(['reverted', 'reverted']);
      expect(look()).toEqual(before);
    }, 120_000);
  });
}
