import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chaosValidate, hasChaosToolkit } from '../../../testing/chaos-toolkit';
import { loadScenario } from '../scenario-loader';
import { scenarioExperiment } from './ctk-experiment';

const SCENARIOS = join(__dirname, '../../../../resources/scenarios');
const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.yaml'));

describe('scenarios as Chaos Toolkit experiments', () => {
  it('every pack scenario maps to one action per fault, one probe per check, one rollback per fault', async () => {
    for (const f of files) {
      const s = await loadScenario(join(SCENARIOS, f));
      const x = scenarioExperiment(s, 'lab1');
      expect(x['steady-state-hypothesis'].probes.map((p) => p.tolerance)).toEqual(s.steadyState.probes.map(() => 0));
      expect(x.method.filter((a) => a.type === 'action').map((a) => a.name)).toEqual(s.faults.map((fl) => fl.id));
      expect(x.method.filter((a) => a.type === 'probe')).toHaveLength(s.tasks.length + s.verify.length);
      expect(x.rollbacks.map((r) => r.labdeck_revert)).toEqual(s.faults.map((fl) => ({ fault: fl.id, kind: fl.action })));
      expect(x.description.length).toBeGreaterThan(0);
    }
  });

  describe.runIf(hasChaosToolkit())('with the real `chaos validate`', () => {
    it('accepts the experiment of every pack scenario', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'labdeck-ctk-'));
      for (const f of files) {
        const file = join(dir, f.replace(/\.yaml$/, '.json'));
        writeFileSync(file, JSON.stringify(scenarioExperiment(await loadScenario(join(SCENARIOS, f)), 'lab1')));
        const r = chaosValidate(file);
        expect(r.output, f).toContain('experiment syntax and semantic look valid');
        expect(r.status, `${f}: ${r.output}`).toBe(0);
      }
    }, 300_000);

    it('refuses an experiment without a description (the check can fail)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'labdeck-ctk-'));
      const file = join(dir, 'bad.json');
      const good = JSON.parse(readFileSync(join(__dirname, '../../../../../shared/reference/chaostoolkit/sample-experiment.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(file, JSON.stringify({ ...good, description: '' }));
      expect(chaosValidate(file).status).not.toBe(0);
    }, 60_000);
  });
});
