import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../faults/revert-ledger';
import { CTK_DIR, chaosValidate, hasChaosToolkit } from '../../../testing/chaos-toolkit';
import { tempJournal } from '../../../testing/temp-journal';
import type { RunJournal } from '../run-journal';
import { loadScenario } from '../scenario-loader';
import { journalJson } from './run-report-json';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every field the sample has, with the sample's JSON type, wherever both have it (null stands for "not run"). */
function shapeDiff(sample: Json, ours: unknown, path = '$', out: string[] = []): string[] {
  if (sample === null || ours === null) return out;
  if (kind(sample) !== kind(ours)) out.push(`${path}: ${kind(ours)} where chaos writes ${kind(sample)}`);
  else if (Array.isArray(sample)) {
    const first = sample[0];
    if (first !== undefined) for (const [i, o] of (ours as unknown[]).entries()) shapeDiff(first, o, `${path}[${i}]`, out);
  } else if (typeof sample === 'object') {
    for (const [k, v] of Object.entries(sample)) {
      if (!(k in (ours as object))) out.push(`${path}.${k}: missing`);
      else shapeDiff(v, (ours as Record<string, unknown>)[k], `${path}.${k}`, out);
    }
  }
  return out;
}

const sample = JSON.parse(readFileSync(join(CTK_DIR, 'sample-journal.json'), 'utf8')) as { [k: string]: Json };

describe('the JSON journal is a Chaos Toolkit journal', () => {
  let j: RunJournal;
  let cleanup: () => void;
  let clock = Date.parse('2026-11-22T04:00:00Z');
  const at = (s: number) => new Date(Date.parse('2026-11-22T04:00:00Z') + s * 1000).toISOString();
  const entry = (id: string, applied: number, reverted: number | undefined, state: LedgerEntry['state'] = 'reverted'): LedgerEntry =>
    ({ id, labId: 'lab1', runId: 'r1', kind: 'stop', targetContainer: 'c', targetName: 'lab1-worker-1', engineEndpoint: 'e', engineKind: 'docker', ownerPid: 1, ownerToken: 't', fault: { kind: 'stop', target: { service: 'worker' } }, revert: { kind: 'start' }, state, recordedAt: at(applied - 0.5), appliedAt: at(applied), ...(reverted === undefined ? {} : { revertedAt: at(reverted), outcome: 'reverted' }) }) as unknown as LedgerEntry;

  beforeEach(async () => {
    ({ journal: j, cleanup } = tempJournal(() => new Date(clock)));
    const scenario = await loadScenario(join(__dirname, '../../../../resources/scenarios/redis-worker-crash.yaml'));
    j.create({ id: 'r1', scenario: 'redis-worker-crash', labId: 'lab1', mode: 'headless' });
    j.append('r1', 'scenario', { definition: scenario });
    j.append('r1', 'probe', { phase: 'steady-state-before', name: 'both workers up', ok: true, message: '2 == 2', attempts: 1, ms: 20 });
    clock += 5000;
    j.append('r1', 'fault.applied', { fault: 'no-claim-1', kind: 'app', target: { service: 'worker', replica: 1 }, faultId: 'f1' });
    j.append('r1', 'fault.applied', { fault: 'dies', kind: 'stop', target: { service: 'worker', replica: 1 }, faultId: 'f2' });
    clock += 10_000;
    j.append('r1', 'probe', { phase: 'task:reclaim', name: 'no entry pending in the group', ok: false, message: 'printed "3"', attempts: 4, ms: 3000 });
    j.append('r1', 'probe', { phase: 'verify', name: 'no order lost', ok: true, message: 'lost 0', attempts: 1, ms: 40 });
    j.append('r1', 'probe', { phase: 'steady-state-after', name: 'both workers up', ok: false, message: '1 == 2', attempts: 1, ms: 20 });
    j.setState('r1', 'failed', { score: 25, reason: 'checks failed' });
  });
  afterEach(() => cleanup());

  it("has chaos's fields with chaos's types, and Labdeck's under labdeck_* keys", () => {
    const out = journalJson(j.get('r1')!, j.events('r1'), [entry('f1', 5, 20), entry('f2', 5.2, 21)]);
    expect(shapeDiff(sample, out)).toEqual([]);
    expect(Object.keys(out).filter((k) => !(k in sample) && !k.startsWith('labdeck_'))).toEqual([]);
    expect(out).not.toHaveProperty('labdeck_events.0.data.definition');
    expect(out.status).toBe('failed');
    expect(out.deviated).toBe(true);
  });

  it('runs are in order with real durations: a fault from its ledger record to applied, a probe its own time', () => {
    const out = journalJson(j.get('r1')!, j.events('r1'), [entry('f1', 5, 20), entry('f2', 5.2, 21)]) as { run: { activity: { name: string; type: string }; duration: number; status: string }[] };
    expect(out.run.map((r) => [r.activity.type, r.activity.name, r.status])).toEqual([
      ['action', 'no-claim-1', 'succeeded'],
      ['action', 'dies', 'succeeded'],
      ['probe', 'no entry pending in the group', 'failed'],
      ['probe', 'no order lost', 'succeeded'],
    ]);
    expect(out.run.map((r) => r.duration)).toEqual([0.5, 0.5, 3, 0.04]);
  });

  it('one rollback per reverted fault, also when crash recovery reverted it (no end-of-run event)', () => {
    const out = journalJson(j.get('r1')!, j.events('r1'), [entry('f1', 5, 30), entry('f2', 5.2, 32), entry('f3', 6, undefined, 'active')]) as { rollbacks: { activity: { name: string }; duration: number; status: string; start: string }[] };
    expect(out.rollbacks.map((r) => [r.activity.name, r.status])).toEqual([
      ['revert no-claim-1', 'succeeded'],
      ['revert dies', 'succeeded'],
    ]);
    // one after another: the second starts where the first ended
    expect(out.rollbacks[1]!.start).toBe(at(30));
    expect(out.rollbacks[1]!.duration).toBe(2);
  });

  it.runIf(hasChaosToolkit())("its experiment passes the real `chaos validate`", () => {
    const out = journalJson(j.get('r1')!, j.events('r1'), []);
    const file = join(mkdtempSync(join(tmpdir(), 'labdeck-ctk-')), 'experiment.json');
    writeFileSync(file, JSON.stringify(out.experiment));
    const r = chaosValidate(file);
    expect(r.status, r.output).toBe(0);
  }, 60_000);
});
