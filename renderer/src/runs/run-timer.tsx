import { useEffect, useState } from 'react';
import type { RunView } from '../../../main/api/schemas/runs';
import { formatClock, tickedElapsed } from './run-format';

/** The run's clock: active time against the limit, ticked locally between reads from core. */
export function RunTimer({ view, readAt }: { view: RunView; readAt: number }) {
  const [now, setNow] = useState(() => Date.now());
  const moving = !view.timer.paused && (view.run.state === 'running' || view.run.state === 'verifying');
  useEffect(() => {
    if (!moving) return;
    const t = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(t);
  }, [moving]);
  const elapsed = tickedElapsed(view.timer, view.run.state, readAt, Math.max(now, readAt));
  const left = view.timer.limitMs - elapsed;
  return (
    <div className={`run-timer${left < 0 ? ' over' : ''}${view.timer.paused ? ' paused' : ''}`} role="timer" aria-label="Run timer">
      <span className="run-timer-elapsed">{formatClock(elapsed)}</span>
      <span className="muted"> / {formatClock(view.timer.limitMs)}</span>
      {view.timer.paused ? <span className="pill"> paused</span> : null}
    </div>
  );
}
