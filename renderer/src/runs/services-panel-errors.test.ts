import { describe, expect, it } from 'vitest';
import { NO_ERRORS, panelErrors, shownErrors, type PanelEvent } from './services-panel-errors';

const play = (events: PanelEvent[]) => events.reduce(panelErrors, NO_ERRORS);

describe("the run room's services panel errors", () => {
  it('drops "no lab X" once the lab is found (a run that starts its own lab)', () => {
    expect(shownErrors(play([{ type: 'status.failed', message: 'no lab alerting-gameday' }]))).toEqual(['no lab alerting-gameday']);
    expect(shownErrors(play([{ type: 'status.failed', message: 'no lab alerting-gameday' }, { type: 'status.ok' }]))).toEqual([]);
  });
  it("keeps an action's error through later reads of the status, until the next action", () => {
    const failed = play([{ type: 'action.failed', message: 'ENGINE_UNREACHABLE: the engine did not answer' }, { type: 'status.ok' }, { type: 'status.ok' }]);
    expect(shownErrors(failed)).toEqual(['ENGINE_UNREACHABLE: the engine did not answer']);
    expect(shownErrors(panelErrors(failed, { type: 'action.ok' }))).toEqual([]);
  });
  it('keeps the same state object when nothing changes (no re-render every poll)', () => {
    expect(panelErrors(NO_ERRORS, { type: 'status.ok' })).toBe(NO_ERRORS);
    const s = play([{ type: 'status.failed', message: 'x' }]);
    expect(panelErrors(s, { type: 'status.failed', message: 'x' })).toBe(s);
  });
});
