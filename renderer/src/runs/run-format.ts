import type { RunSummary } from '../../../main/api/schemas/runs';

export type RunStateName = RunSummary['state'];

const FINAL: RunStateName[] = ['passed', 'failed', 'aborted'];

export const isFinalState = (s: RunStateName): boolean => FINAL.includes(s);

/** A stopwatch reading: 4:05, 1:02:03; negative values read as 0:00. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A duration for people: 850 ms, 12.3 s, 4 min 05 s, 1 h 02 min; "—" when there is none. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

const STATE_WORDS: Record<RunStateName, string> = {
  created: 'Starting',
  baseline: 'Checking the steady state',
  running: 'Running',
  paused: 'Paused',
  verifying: 'Verifying',
  passed: 'Passed',
  failed: 'Failed',
  aborted: 'Aborted',
};

export const stateWords = (s: RunStateName): string => STATE_WORDS[s];

/** The score as shown: "82 / 100", or "—" before there is one. */
export const formatScore = (score: number | undefined): string => (score === undefined ? '—' : `${Math.round(score)} / 100`);

/** "2024-05-01 14:02" in local time, for tables. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Where the timer stands now: the server's reading plus the time since it was taken, unless paused or over. */
export function tickedElapsed(timer: { elapsedMs: number; paused: boolean }, state: RunStateName, readAt: number, now: number): number {
  const moving = !timer.paused && (state === 'running' || state === 'verifying');
  return timer.elapsedMs + (moving ? Math.max(0, now - readAt) : 0);
}
