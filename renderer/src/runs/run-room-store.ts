import { create } from 'zustand';
import type { RunAction, RunEventView, RunRole, RunView } from '../../../main/api/schemas/runs';
import { api } from '../state/client';
import { createBatcher } from './event-batcher';
import { asErr, type Err } from './run-errors';
import { mergeEvents } from './run-timeline-items';

export interface ActOutcome {
  /** The action's type, and its task or fault when it names one (so the right card shows the result). */
  key: string;
  ok: boolean;
  message: string;
}

interface RunRoomState {
  runId: string | null;
  role: RunRole | undefined;
  view: RunView | null;
  /** Date.now() when the view was read, to tick its timer locally. */
  readAt: number;
  events: RunEventView[];
  error: Err | null;
  /** The action key in flight, if any. */
  busy: string | null;
  outcomes: Record<string, ActOutcome>;
  /** The outcome of the latest action, whatever it was. */
  last: ActOutcome | null;
  open(runId: string): Promise<void>;
  setRole(role: RunRole | undefined): Promise<void>;
  refresh(): Promise<void>;
  act(action: RunAction): Promise<ActOutcome | null>;
  /** Subscribes to `run.event` for the open run, batched; returns the unsubscribe. */
  listen(): () => void;
}

export const actionKey = (a: RunAction): string => ('task' in a ? `${a.type}:${a.task}` : 'fault' in a ? `${a.type}:${a.fault}` : a.type);

let refreshing: Promise<void> | null = null;
let again = false;

/** The run room: one run's view (re-read from core as its journal grows) and its journal. */
export const useRunRoomStore = create<RunRoomState>((set, get) => ({
  runId: null,
  role: undefined,
  view: null,
  readAt: 0,
  events: [],
  error: null,
  busy: null,
  outcomes: {},
  last: null,
  async open(runId) {
    if (get().runId !== runId) set({ runId, view: null, events: [], error: null, outcomes: {}, last: null, busy: null });
    await Promise.all([get().refresh(), loadEvents(runId)]);
  },
  async setRole(role) {
    set({ role });
    await get().refresh();
  },
  async refresh() {
    // one read at a time; events arriving meanwhile ask for one more read after it
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        const { runId, role } = get();
        if (!runId) break;
        try {
          const view = await api().api['runs.get']({ runId, ...(role ? { role } : {}) });
          if (get().runId === runId) set({ view, readAt: Date.now(), error: null });
        } catch (e) {
          if (get().runId === runId) set({ error: asErr(e) });
        }
      } while (again);
    })().finally(() => (refreshing = null));
    return refreshing;
  },
  async act(action) {
    const { runId, role } = get();
    if (!runId) return null;
    const key = actionKey(action);
    set({ busy: key });
    try {
      const r = await api().api['runs.act']({ runId, action, ...(role ? { role } : {}) });
      const outcome = { key, ok: r.ok, message: r.message };
      if (get().runId === runId) set((s) => ({ view: r.view, readAt: Date.now(), error: null, last: outcome, outcomes: { ...s.outcomes, [key]: outcome } }));
      return outcome;
    } catch (e) {
      const err = asErr(e);
      const outcome = { key, ok: false, message: err.message };
      set((s) => ({ last: outcome, outcomes: { ...s.outcomes, [key]: outcome } }));
      return outcome;
    } finally {
      set({ busy: null });
    }
  },
  listen() {
    const batch = createBatcher<RunEventView>((more) => {
      set((s) => ({ events: mergeEvents(s.events, more) }));
      void get().refresh();
    }, 100);
    const off = api().on('run.event', (e) => {
      if (e.runId === get().runId) batch.push(e);
    });
    // what happened while nobody listened
    const runId = get().runId;
    if (runId) void loadEvents(runId).then(() => get().refresh());
    return () => {
      off();
      batch.stop();
    };
  },
}));

async function loadEvents(runId: string): Promise<void> {
  const s = useRunRoomStore.getState();
  const afterSeq = s.runId === runId ? s.events.at(-1)?.seq : undefined;
  try {
    const more = await api().api['runs.events']({ runId, ...(afterSeq !== undefined ? { afterSeq } : {}) });
    useRunRoomStore.setState((st) => (st.runId === runId ? { events: mergeEvents(st.events, more) } : {}));
  } catch (e) {
    useRunRoomStore.setState({ error: asErr(e) });
  }
}
