import type { RunEventView } from '../../../main/api/schemas/runs';
import { runClockTimes } from './run-clock-at';
import { stateWords, type RunStateName } from './run-format';

const STATE_NAMES = new Set(['created', 'baseline', 'running', 'paused', 'verifying', 'passed', 'failed', 'aborted']);

export type Tone = 'ok' | 'bad' | 'fault' | 'note' | 'info';

export interface TimelineItem {
  seq: number;
  at: string;
  /** When it happened on the run's clock (the timer's time), once the run had started running. */
  elapsedMs?: number;
  type: string;
  text: string;
  tone: Tone;
  role?: string;
}

type Data = Record<string, unknown>;
const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
const target = (t: unknown): string => {
  const o = t as { service?: string; replica?: unknown } | undefined;
  return o?.service ? `${o.service}${o.replica !== undefined && o.replica !== 1 ? ` #${str(o.replica)}` : ''}` : '';
};

const failing = (f: unknown): string => {
  const o = f as { name?: unknown; message?: unknown } | null;
  return o && typeof o === 'object' && o.name ? `${str(o.name)}${o.message ? ` (${str(o.message)})` : ''}` : str(f);
};

/** The words and tone of each kind of journal event; unknown kinds show their type. */
const DESCRIBE: Record<string, (d: Data) => [string, Tone]> = {
  'run.created': () => ['Run created', 'info'],
  'run.progress': (d) => [str(d.line), 'info'],
  'run.state': (d) => [`${STATE_NAMES.has(str(d.state)) ? stateWords(str(d.state) as RunStateName) : `Run ${str(d.state)}`}${d.reason ? `: ${str(d.reason)}` : ''}`, d.state === 'failed' || d.state === 'aborted' ? 'bad' : d.state === 'passed' ? 'ok' : 'info'],
  probe: (d) => [`${str(d.phase)} · ${str(d.name)}: ${d.ok ? 'ok' : 'failed'}${d.message ? ` (${str(d.message)})` : ''}`, d.ok ? 'ok' : 'bad'],
  'fault.applied': (d) => [`Fault ${str(d.fault)}: ${str(d.kind)} on ${target(d.target)}${d.description ? `, ${str(d.description)}` : ''}${d.by === 'facilitator' ? ' (injected by the facilitator)' : ''}`, 'fault'],
  'fault.skipped': (d) => [`Fault ${str(d.fault)} skipped${d.reason ? `: ${str(d.reason)}` : ''}`, 'fault'],
  'fault.failed': (d) => [`Fault ${str(d.fault)} could not be applied: ${str(d.message)}`, 'bad'],
  'fault.reverted': (d) => [`Fault ${str(d.fault)} reverted`, 'fault'],
  'faults.reverted': (d) => [`${str(d.count)} fault(s) reverted at the end`, 'fault'],
  'task.passed': (d) => [`Check ${str(d.task)} passed${d.message ? `: ${str(d.message)}` : ''}`, 'ok'],
  'task.failed': (d) => [`Check ${str(d.task)} failed${d.message ? `: ${str(d.message)}` : ''}`, 'bad'],
  'hint.revealed': (d) => [`Hint ${Number(d.index ?? 0) + 1} for ${str(d.task)} revealed (cost ${str(d.cost)})`, 'info'],
  'solution.revealed': (d) => [`Solution for ${str(d.task)} revealed`, 'info'],
  detected: (d) => [d.by === 'task' ? `Detected (check ${str(d.task)} passed)` : 'Detected', 'ok'],
  note: (d) => [str(d.text), 'note'],
  alert: (d) => [`Alert ${str(d.name)} ${str(d.status)}`, d.status === 'resolved' ? 'ok' : 'bad'],
  'timer.extended': (d) => [`Time extended by ${str(d.minutes)} min`, 'info'],
  'timer.expired': () => ['Time is up', 'bad'],
  'steady.broken': (d) => [`Steady state broken${Array.isArray(d.failing) && d.failing.length ? `: ${d.failing.map(failing).join('; ')}` : ''}`, 'bad'],
  'steady.restored': () => ['Steady state restored', 'ok'],
  'solve.step': (d) => [`Solve step ${Number(d.step ?? 0) + 1}`, 'info'],
  'solve.exec': (d) => [`Solve: ${Array.isArray(d.argv) ? d.argv.map(str).join(' ') : ''} exited ${str(d.exitCode)}`, d.exitCode === 0 ? 'ok' : 'bad'],
  score: (d) => [`Score ${str(d.total)}`, 'info'],
  'action.items': (d) => [`Action items: ${Array.isArray(d.items) ? d.items.map(str).join('; ') : ''}`, 'note'],
};

/** Events that say what a fault is: a responder or observer of a facilitated run does not see them. */
const FAULT_EVENTS = new Set(['fault.applied', 'fault.skipped', 'fault.failed', 'fault.reverted', 'faults.reverted']);

/**
 * Data, not happenings: the scenario's definition as the run recorded it, and the key series the
 * report charts (every point of every series, which as a row overflowed the page), and a probe's
 * start and attempts (the task card and the verification panel show them while they happen).
 */
const HIDDEN = new Set(['scenario', 'series', 'probe.started', 'probe.attempt']);

/** A kind this build has no words for still reads as a sentence; its payload is never shown. */
const unknownKind = (type: string): string => `${type.charAt(0).toUpperCase()}${type.slice(1).replace(/[._:-]+/g, ' ')} (recorded)`;

/**
 * A training run's faults as its learner sees them while it runs: that something happened and
 * when, not what (naming "worker 1 hangs" would give the answer away); the run's end tells all.
 */
const NEUTRAL: Record<string, (d: Data) => [string, Tone] | null> = {
  'fault.applied': () => ['A fault was injected', 'fault'],
  'fault.reverted': () => ['A fault was reverted', 'fault'],
  'fault.failed': () => ['A fault could not be applied', 'bad'],
  'fault.skipped': () => null,
};

export interface TimelineOptions {
  /** A responder or observer of a facilitated run: fault events are left out. */
  withholdFaults?: boolean;
  /** A training run not yet over: fault events are told without naming the fault. */
  neutralFaults?: boolean;
}

/** The run's journal as the timeline shows it, oldest first. */
export function timelineItems(events: RunEventView[], opts: TimelineOptions = {}): TimelineItem[] {
  const out: TimelineItem[] = [];
  const clock = runClockTimes(events);
  for (const e of events) {
    if (HIDDEN.has(e.type) || (opts.withholdFaults && FAULT_EVENTS.has(e.type))) continue;
    // a task's check is told once, by its task.passed / task.failed
    if (e.type === 'probe' && String(e.data.phase).startsWith('task:')) continue;
    const neutral = opts.neutralFaults ? NEUTRAL[e.type] : undefined;
    const told = neutral ? neutral(e.data) : DESCRIBE[e.type]?.(e.data);
    if (told === null) continue;
    const [text, tone] = told ?? [unknownKind(e.type), 'info' as Tone];
    const elapsed = clock.get(e.seq);
    out.push({ seq: e.seq, at: e.at, type: e.type, text, tone, ...(typeof elapsed === 'number' ? { elapsedMs: elapsed } : {}), ...(e.type === 'note' && e.data.role ? { role: str(e.data.role) } : {}) });
  }
  return out;
}

/** Merges newly arrived events into the ones held: no duplicates, in journal order. */
export function mergeEvents(have: RunEventView[], more: RunEventView[]): RunEventView[] {
  if (more.length === 0) return have;
  const seen = new Set(have.map((e) => e.seq));
  const fresh = more.filter((e) => !seen.has(e.seq));
  if (fresh.length === 0) return have;
  return [...have, ...fresh].sort((a, b) => a.seq - b.seq);
}
