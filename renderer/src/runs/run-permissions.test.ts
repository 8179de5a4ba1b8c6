import { describe, expect, it } from 'vitest';
import type { RunView } from '../../../main/api/schemas/runs';
import { permissions } from './run-permissions';

const view = (mode: string, state: RunView['run']['state'], live = true) => ({ live, run: { mode, state } }) as unknown as RunView;

describe('who may do what in the run room', () => {
  it('lets a solo learner do everything while the run is on', () => {
    expect(permissions(view('training', 'running'), undefined)).toEqual({ as: undefined, respond: true, facilitate: false, revealSolution: true, note: true });
  });
  it('gives the facilitator the controls, the responder the tasks, observers and scribes notes only', () => {
    const v = view('facilitated', 'running');
    expect(permissions(v, undefined)).toMatchObject({ as: 'facilitator', respond: true, facilitate: true, revealSolution: true });
    expect(permissions(v, 'responder')).toMatchObject({ respond: true, facilitate: false, revealSolution: false, note: true });
    expect(permissions(v, 'observer')).toMatchObject({ respond: false, facilitate: false, note: true });
    expect(permissions(v, 'scribe')).toMatchObject({ respond: false, note: true });
  });
  it('lets nobody act on a finished run, a run of another process, or through the read-only link', () => {
    expect(permissions(view('training', 'passed'), undefined)).toMatchObject({ respond: false, note: false });
    expect(permissions(view('facilitated', 'running', false), undefined)).toMatchObject({ respond: false, facilitate: false, note: false });
    expect(permissions(view('facilitated', 'running'), 'facilitator', true)).toEqual({ as: 'observer', respond: false, facilitate: false, revealSolution: false, note: false });
  });
});
