import type { RunEventView } from '../../../main/api/schemas/runs';

/** A probe of the run while it is tried, or after: what the room shows so a wait explains itself. */
export interface ProbeProgress {
  phase: string;
  name: string;
  state: 'running' | 'ok' | 'failed';
  /** Attempts made so far (0: the first is under way). */
  attempts: number;
  /** The last attempt's output, or the verdict's. */
  message?: string;
  elapsedMs?: number;
  withinMs?: number;
}

type Data = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Every probe started after the event at `from` (a journal index), with its attempts and verdict. */
function probesSince(events: RunEventView[], from: number): ProbeProgress[] {
  const out: ProbeProgress[] = [];
  const open = new Map<string, ProbeProgress>();
  for (const e of events.slice(from)) {
    const d = e.data as Data;
    const key = `${text(d.phase)}\u0000${text(d.name)}`;
    if (e.type === 'probe.started') {
      const p: ProbeProgress = { phase: text(d.phase) ?? '', name: text(d.name) ?? '', state: 'running', attempts: 0 };
      out.push(p);
      open.set(key, p);
    } else if (e.type === 'probe.attempt' || e.type === 'probe') {
      const p = open.get(key);
      if (!p) continue;
      p.message = text(d.message) ?? p.message;
      if (e.type === 'probe.attempt') {
        p.attempts = num(d.attempt) ?? p.attempts + 1;
        p.elapsedMs = num(d.elapsedMs);
        p.withinMs = num(d.withinMs);
      } else {
        p.state = d.ok === true ? 'ok' : 'failed';
        p.attempts = num(d.attempts) ?? p.attempts;
        open.delete(key);
      }
    }
  }
  return out;
}

/** The check of a task under way (its latest start, not yet decided), or undefined. */
export function checkProgress(events: RunEventView[], taskId: string): ProbeProgress | undefined {
  const phase = `task:${taskId}`;
  let start = -1;
  for (let i = events.length - 1; i >= 0 && start < 0; i--) if (events[i].type === 'probe.started' && (events[i].data as Data).phase === phase) start = i;
  if (start < 0) return undefined;
  const p = probesSince(events, start)[0];
  return p?.state === 'running' ? p : undefined;
}

/** The probes of the verification (the tasks' last checks, verify, the steady state again) since the run began verifying. */
export function verifyProgress(events: RunEventView[]): ProbeProgress[] {
  let from = -1;
  for (let i = events.length - 1; i >= 0 && from < 0; i--) if (events[i].type === 'run.state' && (events[i].data as Data).state === 'verifying') from = i;
  return from < 0 ? [] : probesSince(events, from);
}

/** "attempt 3 · 4 s of 15 s" */
export function attemptWords(p: ProbeProgress): string {
  if (!p.attempts) return 'first attempt…';
  const secs = (ms: number) => `${Math.round(ms / 1000)} s`;
  const clock = p.elapsedMs !== undefined && p.withinMs ? ` · ${secs(p.elapsedMs)} of ${secs(p.withinMs)}` : '';
  return `attempt ${p.attempts}${clock}`;
}
