import type { RunRole, RunView } from '../../../main/api/schemas/runs';
import { isFinalState } from './run-format';

/** Who may do what in the room: a solo learner (training) does everything; in a facilitated run it depends on the role. */
export function permissions(view: RunView, role: RunRole | undefined, readOnly = false) {
  const active = !readOnly && view.live && (view.run.state === 'running' || view.run.state === 'paused');
  const facilitated = view.run.mode === 'facilitated';
  const as = readOnly ? 'observer' : facilitated ? (role ?? 'facilitator') : undefined;
  return {
    as,
    respond: active && (!facilitated || as === 'facilitator' || as === 'responder'),
    facilitate: !readOnly && facilitated && as === 'facilitator' && view.live && !isFinalState(view.run.state),
    revealSolution: !readOnly && (!facilitated || as === 'facilitator'),
    note: !readOnly && view.live && !isFinalState(view.run.state),
  };
}
