import type { RunEventView } from '../../../main/api/schemas/runs';

/** States in which the run's clock moves (as the room's timer ticks): paused and finished ones stand still. */
const MOVING = new Set(['running', 'verifying']);

/**
 * Each event's time on the run's clock, the one the room's timer shows: from the moment the run
 * started running (after the steady-state gate), pauses left out. The journal's own `elapsedMs`
 * counts from the run's creation, gate and pauses included, so a fault at "+0:40" on the timeline
 * was "0:10" on the timer. Events before the run ran (the gate) have no clock time.
 */
export function runClockTimes(events: RunEventView[]): Map<number, number> {
  const out = new Map<number, number>();
  let before = 0;
  let since: number | undefined;
  let started = false;
  for (const e of events) {
    const at = e.data.elapsedMs;
    if (typeof at !== 'number') continue;
    if (e.type === 'run.state') {
      const moving = MOVING.has(String(e.data.state));
      if (moving && since === undefined) {
        since = at;
        started = true;
      } else if (!moving && since !== undefined) {
        before += at - since;
        since = undefined;
      }
    }
    if (started) out.set(e.seq, Math.max(0, Math.round(before + (since === undefined ? 0 : at - since))));
  }
  return out;
}
