import { hostname, platform, release, arch } from 'node:os';
import { Scenario } from '../../../api/schemas/scenarios';
import type { LedgerEntry } from '../../faults/revert-ledger';
import type { RunEvent, RunRecord } from '../run-journal';
import { type CtkActivity, faultActivity, probeActivity, rollbackActivity, scenarioExperiment } from './ctk-experiment';

/** One executed activity, as chaoslib's journal has it (`run[]`, `steady_states.*.probes[]`, `rollbacks[]`). */
interface CtkRun {
  activity: CtkActivity;
  output: unknown;
  start: string;
  end: string;
  status: 'succeeded' | 'failed';
  duration: number;
  tolerance_met?: boolean;
  [labdeckKey: `labdeck_${string}`]: unknown;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const secs = (a: string, b: string): number => Math.max(0, Date.parse(b) - Date.parse(a)) / 1000;

/**
 * A run as a Chaos Toolkit journal (chaostoolkit-lib 1.x: the fields and types `chaos run` writes,
 * and an experiment `chaos validate` accepts), Labdeck's own details under `labdeck_*` keys. Fault
 * actions and rollbacks come from the fault ledger, so their times are the engine's real ones and a
 * fault reverted by crash recovery still has its rollback entry.
 */
export function journalJson(run: RunRecord, events: RunEvent[], ledger: LedgerEntry[] = []): Record<string, unknown> {
  const parsed = Scenario.safeParse(events.find((e) => e.type === 'scenario')?.data.definition);
  const scenario = parsed.success ? parsed.data : undefined;
  const experiment = scenario
    ? scenarioExperiment(scenario, run.labId)
    : { version: '1.0.0', title: run.scenario, description: `Labdeck scenario ${run.scenario}`, 'steady-state-hypothesis': { title: 'steady state', probes: [] }, method: [], rollbacks: [], extensions: [{ name: 'labdeck', scenario: run.scenario, lab: run.labId }], dry: null };
  const probeDef = (name: string) => scenario && [...scenario.steadyState.probes, ...scenario.verify, ...scenario.tasks.map((t) => t.check)].find((p) => p.name === name);

  const probeRun = (e: RunEvent, withTolerance: boolean): CtkRun => {
    const ms = Number(e.data.ms ?? 0);
    const def = probeDef(String(e.data.name));
    const activity = def ? probeActivity(run.labId, def, withTolerance ? 0 : undefined) : { type: 'probe' as const, name: String(e.data.name), provider: { type: 'process' as const, path: 'labdeck', arguments: ['status', run.labId] } };
    return {
      activity,
      output: { status: e.data.ok === true ? 0 : 1, stdout: String(e.data.message ?? ''), stderr: '' },
      start: iso(Date.parse(e.at) - ms),
      status: e.data.ok === true ? 'succeeded' : 'failed',
      end: e.at,
      duration: ms / 1000,
      ...(withTolerance ? { tolerance_met: e.data.ok === true } : {}),
      labdeck_phase: e.data.phase,
      labdeck_attempts: e.data.attempts,
    };
  };
  const steady = (phase: string) => {
    const ps = events.filter((e) => e.type === 'probe' && e.data.phase === phase);
    return ps.length ? { steady_state_met: ps.every((p) => p.data.ok === true), probes: ps.map((p) => probeRun(p, true)) } : null;
  };

  const entryFor = (faultEvent: RunEvent) => ledger.find((l) => l.id === faultEvent.data.faultId);
  const faultRun = (e: RunEvent): CtkRun => {
    const step = scenario?.faults.find((f) => f.id === e.data.fault);
    const l = entryFor(e);
    const start = e.type === 'fault.applied' && l ? l.recordedAt : e.at;
    const end = e.type === 'fault.applied' && l?.appliedAt ? l.appliedAt : e.at;
    return {
      activity: step ? faultActivity(run.labId, step) : { type: 'action', name: String(e.data.fault), provider: { type: 'process', path: 'labdeck', arguments: ['status', run.labId] } },
      output: e.type === 'fault.applied' ? { status: 0, stdout: String(e.data.description ?? `${String(e.data.kind)} applied`), stderr: '' } : { status: 1, stdout: '', stderr: String(e.data.message ?? e.data.reason ?? '') },
      start,
      status: e.type === 'fault.applied' ? 'succeeded' : 'failed',
      end,
      duration: secs(start, end),
      labdeck_event: e.type,
    };
  };
  // in the order they happened (the journal's), as chaos lists its method's runs
  const isMethodProbe = (e: RunEvent) => e.type === 'probe' && (String(e.data.phase).startsWith('task:') || e.data.phase === 'verify');
  const isFault = (e: RunEvent) => e.type === 'fault.applied' || e.type === 'fault.failed' || e.type === 'fault.skipped';
  const method = events.filter((e) => isMethodProbe(e) || isFault(e)).map((e) => (isFault(e) ? faultRun(e) : probeRun(e, false)));

  const end = run.finishedAt ?? events.at(-1)?.at ?? run.startedAt;
  const definitionFree = events.filter((e) => e.type !== 'scenario');
  return {
    // chaos writes 'unknown' when it cannot tell its own version; this journal was not written by chaoslib
    'chaoslib-version': 'unknown',
    platform: `${platform()}-${release()}-${arch()}`,
    node: hostname(),
    experiment,
    start: run.startedAt,
    status: run.state === 'passed' ? 'completed' : run.state === 'aborted' ? 'aborted' : run.state === 'failed' ? 'failed' : 'running',
    deviated: run.state === 'failed',
    steady_states: { before: steady('steady-state-before'), after: steady('steady-state-after'), during: [] },
    run: method,
    rollbacks: rollbacks(run, events, ledger, (name) => scenario?.faults.find((f) => f.id === name)),
    end,
    duration: secs(run.startedAt, end),
    labdeck_run: run,
    labdeck_score: events.find((e) => e.type === 'score')?.data ?? null,
    labdeck_events: definitionFree,
  };
}

/**
 * One rollback per fault the ledger reverted (or failed to), in the order they ran. Reverts run one
 * after another, so each starts where the one before it ended, or at the `faults.reverting` /
 * `fault.reverting` mark that began them.
 */
function rollbacks(run: RunRecord, events: RunEvent[], ledger: LedgerEntry[], stepOf: (name: string) => { id: string; action: string } | undefined): CtkRun[] {
  const stepName = (l: LedgerEntry): string => String(events.find((e) => e.type === 'fault.applied' && e.data.faultId === l.id)?.data.fault ?? l.id);
  const marks = events.filter((e) => e.type === 'faults.reverting' || e.type === 'fault.reverting').map((e) => Date.parse(e.at));
  const done = ledger.filter((l) => l.revertedAt || l.state === 'failed').sort((a, b) => Date.parse(a.revertedAt ?? a.recordedAt) - Date.parse(b.revertedAt ?? b.recordedAt));
  let previousEnd = 0;
  return done.map((l) => {
    const endMs = Date.parse(l.revertedAt ?? l.appliedAt ?? l.recordedAt);
    const mark = Math.max(...marks.filter((m) => m <= endMs), -Infinity);
    const startMs = Math.max(previousEnd, mark, Date.parse(l.appliedAt ?? l.recordedAt));
    previousEnd = endMs;
    const name = stepName(l);
    const ok = l.state === 'reverted' && l.outcome !== 'failed';
    return {
      activity: rollbackActivity(run.labId, stepOf(name)?.id ?? name, l.kind),
      output: { status: ok ? 0 : 1, stdout: l.outcome ?? '', stderr: l.error ?? '' },
      start: iso(Math.min(startMs, endMs)),
      status: ok ? 'succeeded' : 'failed',
      end: iso(endMs),
      duration: Math.max(0, endMs - Math.min(startMs, endMs)) / 1000,
      labdeck_fault_id: l.id,
      labdeck_outcome: l.outcome ?? 'failed',
    };
  });
}
