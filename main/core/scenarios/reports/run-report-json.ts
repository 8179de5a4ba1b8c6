import type { RunEvent, RunRecord } from '../run-journal';

/**
 * A run as a JSON journal that keeps Chaos Toolkit's journal fields (`status`, `steady_states`
 * before/after with `steady_state_met`, `run[]` activities with status, start, end, output), so
 * tooling that reads those can read ours; Labdeck's own events follow in `events`.
 */
export function journalJson(run: RunRecord, events: RunEvent[]): Record<string, unknown> {
  const probes = (phase: string) => events.filter((e) => e.type === 'probe' && e.data.phase === phase);
  const steady = (phase: string) => {
    const ps = probes(phase);
    return ps.length ? { steady_state_met: ps.every((p) => p.data.ok === true), probes: ps.map(activity) } : null;
  };
  const activity = (e: RunEvent) => ({
    activity: { type: e.type === 'probe' ? 'probe' : 'action', name: String(e.data.name ?? e.data.fault ?? e.data.task ?? e.type) },
    status: e.data.ok === false || e.type === 'task.failed' ? 'failed' : 'succeeded',
    start: new Date(Date.parse(e.at) - Number(e.data.ms ?? 0)).toISOString(),
    end: e.at,
    duration: Number(e.data.ms ?? 0) / 1000,
    output: e.data.message ?? e.data.stdout ?? null,
  });
  const during = events.filter((e) => ['fault.applied', 'fault.skipped', 'fault.failed', 'fault.reverted', 'solve.step', 'solve.exec', 'task.passed', 'task.failed', 'hint.revealed', 'detected'].includes(e.type) || (e.type === 'probe' && String(e.data.phase).startsWith('task:')));
  const end = run.finishedAt ?? events.at(-1)?.at ?? run.startedAt;
  const score = events.find((e) => e.type === 'score')?.data;
  const definition = events.find((e) => e.type === 'scenario')?.data.definition as Record<string, unknown> | undefined;
  const status = run.state === 'passed' ? 'completed' : run.state;
  return {
    chaoslib_version: null,
    platform: 'labdeck',
    // Chaos Toolkit journals carry the whole experiment: ours is the scenario as it was run
    experiment: { title: (definition?.metadata as { title?: string } | undefined)?.title ?? run.scenario, labdeck_run: run.id, ...(definition ? { labdeck_scenario: definition } : {}) },
    status,
    deviated: run.state === 'failed',
    start: run.startedAt,
    end,
    duration: (Date.parse(end) - Date.parse(run.startedAt)) / 1000,
    steady_states: { before: steady('steady-state-before'), after: steady('steady-state-after'), during: [] },
    run: during.map(activity),
    rollbacks: events.filter((e) => e.type === 'faults.reverted').map(activity),
    labdeck: { run, score, verify: probes('verify').map(activity), events: events.filter((e) => e.type !== 'scenario') },
  };
}
