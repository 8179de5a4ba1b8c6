import { useEffect } from 'react';
import type { RunView } from '../../../main/api/schemas/runs';
import { isFinalState } from './run-format';
import { useRunDockStore } from './run-dock-store';

/**
 * "You have a shell in `redis`": once the run is running, the room opens that shell (the scenario's
 * `terminal:`) so it is there when the learner reads the briefing. Once per run: a learner who
 * closes it keeps it closed.
 */
export function useBriefedTerminal(view: RunView | null, readOnly: boolean): void {
  const runId = view?.run.id;
  const labId = view?.run.labId;
  const service = view?.terminal?.service;
  const replica = view?.terminal?.replica;
  const state = view?.run.state;
  const ready = state !== undefined && state !== 'created' && state !== 'baseline' && !isFinalState(state);
  useEffect(() => {
    if (!runId || !labId || !service || !ready || readOnly || !view?.live) return;
    useRunDockStore.getState().openBriefed(runId, labId, service, replica);
  }, [runId, labId, service, replica, ready, readOnly, view?.live]);
}
