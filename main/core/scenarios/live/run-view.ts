import type { RunRole, RunSummary, RunView } from '../../../api/schemas/runs';
import type { Scenario } from '../../../api/schemas/scenarios';
import type { RunEvent, RunRecord } from '../run-journal';
import { parseMs } from '../probes/evaluate-probe';
import { detectionFromJournal } from './detection-time';

type FaultView = RunView['faults'][number];
type TaskView = RunView['tasks'][number];

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const FINAL = ['passed', 'failed', 'aborted'];

/** Active (unpaused) time of a run from its journal: the spans between `running` and the next state. */
export function activeMs(events: RunEvent[], nowElapsedMs?: number): number {
  let total = 0;
  let since: number | undefined;
  for (const e of events) {
    if (e.type !== 'run.state') continue;
    if (e.data.state === 'running') since ??= e.data.elapsedMs;
    else if (since !== undefined) {
      total += e.data.elapsedMs - since;
      since = undefined;
    }
  }
  if (since !== undefined && nowElapsedMs !== undefined) total += nowElapsedMs - since;
  return Math.max(0, Math.round(total));
}

/** The list row of a run: its record plus the scores its journal holds. */
export function runSummary(run: RunRecord, events: RunEvent[], title?: string): RunSummary {
  const score = [...events].reverse().find((e) => e.type === 'score')?.data;
  return {
    ...run,
    ...(title ? { title } : {}),
    ...(run.finishedAt ? { durationMs: Date.parse(run.finishedAt) - Date.parse(run.startedAt) } : {}),
    // an aborted run has no score, but a detection it made still counts
    ...((num(score?.ttdMs) ?? detectionFromJournal(events)) !== undefined ? { ttdMs: num(score?.ttdMs) ?? detectionFromJournal(events) } : {}),
    ...(num(score?.ttrMs) !== undefined ? { ttrMs: num(score?.ttrMs) } : {}),
  };
}

/**
 * A run as its room shows it, rebuilt from the journal alone (so a finished run, a run of another
 * process and a live one look the same); `live` adds the clock of the process driving it. A
 * responder or observer of a facilitated run does not see the faults.
 */
export function runView(s: Scenario, run: RunRecord, events: RunEvent[], o: { role?: RunRole; live?: { elapsedMs: number; limitMs: number; paused: boolean } } = {}): RunView {
  const created = events.find((e) => e.type === 'run.created')?.data;
  const speed = num(created?.speed) ?? 1;
  const limitBase = num(created?.limitMs) ?? parseMs(s.metadata.duration) / speed;
  const extended = events.filter((e) => e.type === 'timer.extended').reduce((n, e) => n + (num(e.data.minutes) ?? 0) * 60_000, 0);
  const final = FINAL.includes(run.state);
  const tasks = new Map<string, TaskView>(
    s.tasks.map((t) => [t.id, { id: t.id, prompt: t.prompt, detects: t.detects, hintsTotal: t.hints.length, hints: [], state: 'open', failedAttempts: 0 }]),
  );
  const faults = new Map<string, FaultView>(
    s.faults.map((f) => [
      f.id,
      { id: f.id, description: f.description, action: f.action, target: `${f.target.service}${f.target.replica ? ` #${f.target.replica}` : ''}`, manual: f.manual, status: 'pending' },
    ]),
  );
  const verdicts: RunView['verdicts'] = [];
  let actionItems: string[] = [];
  let score: RunView['score'];
  let reason: string | undefined;
  let firstFaultMs: number | undefined;
  let detectedMs: number | undefined;
  let recoveredMs: number | undefined;
  for (const e of events) {
    const d = e.data;
    const task = tasks.get(String(d.task));
    const fault = faults.get(String(d.fault));
    switch (e.type) {
      case 'task.passed':
      case 'task.failed':
        if (!task) break;
        task.lastMessage = String(d.message ?? '');
        if (e.type === 'task.passed') task.state = 'passed';
        // a final check, or one before the incident (early), is no attempt of the learner's
        else if (!d.final && !d.early) task.failedAttempts++;
        break;
      case 'hint.revealed':
        task?.hints.push({ text: String(d.text), cost: num(d.cost) ?? 0 });
        break;
      case 'solution.revealed':
        if (task) task.solution = s.tasks.find((t) => t.id === task.id)?.solution;
        break;
      case 'fault.applied':
        if (fault) fault.status = 'applied';
        firstFaultMs ??= num(d.atMs);
        break;
      case 'fault.reverted':
      case 'fault.skipped':
      case 'fault.failed':
        if (fault) {
          fault.status = e.type === 'fault.reverted' ? 'reverted' : e.type === 'fault.skipped' ? 'skipped' : 'failed';
          if (d.message || d.reason) fault.message = String(d.message ?? d.reason);
        }
        break;
      case 'faults.reverted':
        for (const f of faults.values()) if (f.status === 'applied') f.status = 'reverted';
        break;
      case 'detected':
        detectedMs ??= num(d.atMs);
        break;
      case 'steady.restored':
        recoveredMs = num(d.atMs);
        break;
      case 'probe':
        if (d.phase === 'verify' || d.phase === 'steady-state-after' || String(d.phase).startsWith('task:')) verdicts.push({ phase: String(d.phase), name: String(d.name), ok: d.ok === true, message: String(d.message) });
        break;
      case 'score':
        score = { total: Number(d.total), resilience: Number(d.resilience), response: Number(d.response), explanation: (d.explanation as string[]) ?? [] };
        break;
      case 'action.items':
        actionItems = (d.items as string[]) ?? [];
        break;
      case 'run.state':
        if (d.reason) reason = String(d.reason);
        break;
    }
  }
  if (final) for (const t of tasks.values()) t.solution ??= s.tasks.find((x) => x.id === t.id)?.solution;
  const withheld = run.mode === 'facilitated' && !final && o.role !== undefined && o.role !== 'facilitator';
  const last = events.at(-1)?.data.elapsedMs;
  const summary = runSummary(run, events, s.metadata.title);
  return {
    run: summary,
    live: o.live !== undefined && !final,
    title: s.metadata.title,
    lab: s.metadata.lab,
    briefing: s.briefing,
    difficulty: s.metadata.difficulty,
    objectives: s.metadata.objectives,
    ...(s.terminal ? { terminal: s.terminal } : {}),
    timer: o.live && !final ? o.live : { elapsedMs: activeMs(events, final ? undefined : last), limitMs: limitBase + extended, paused: run.state === 'paused' },
    tasks: [...tasks.values()],
    faults: withheld ? [] : [...faults.values()],
    faultsWithheld: withheld,
    ...(firstFaultMs !== undefined ? { firstFaultMs } : {}),
    ...(detectedMs !== undefined ? { detectedMs } : {}),
    ...(recoveredMs !== undefined ? { recoveredMs } : {}),
    ...(score ? { score } : {}),
    verdicts,
    actionItems,
    ...(reason ? { reason } : {}),
  };
}
