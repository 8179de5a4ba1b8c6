/**
 * What the room's services panel says went wrong. The lab's status is read every few seconds: its
 * error is only as current as the last read, so a later good read clears it (a run that starts its
 * own lab reads "no lab X" until the lab exists, and that line stayed, red, over a working lab). An
 * action's error (Stop, Start, Restart) stays until the next action, so a refresh does not hide it
 * before it is read.
 */
export interface PanelErrors {
  status: string | null;
  action: string | null;
}

export type PanelEvent = { type: 'status.ok' } | { type: 'status.failed'; message: string } | { type: 'action.ok' } | { type: 'action.failed'; message: string };

export const NO_ERRORS: PanelErrors = { status: null, action: null };

export function panelErrors(state: PanelErrors, e: PanelEvent): PanelErrors {
  switch (e.type) {
    case 'status.ok':
      return state.status === null ? state : { ...state, status: null };
    case 'status.failed':
      return state.status === e.message ? state : { ...state, status: e.message };
    case 'action.ok':
      return { ...state, action: null };
    case 'action.failed':
      return { ...state, action: e.message };
  }
}

/** The lines to show, the action's first (what the user just did), each once. */
export const shownErrors = (s: PanelErrors): string[] => [...new Set([s.action, s.status].filter((x): x is string => x !== null))];
