import { create } from 'zustand';
import { z } from 'zod';
import { RunId } from '../../../main/api/schemas/runs';
import { useTerminalsStore } from '../terminals/terminals-store';

interface DockState {
  /** The terminal tabs each run's dock opened (the terminals live in the terminals store). */
  byRun: Record<string, string[]>;
  shown: Record<string, string | undefined>;
  /** Runs whose briefing's shell was opened already (closed by the learner, it stays closed). */
  autoOpened: Record<string, true>;
  /** Opens the shell the briefing promises, once per run and only into an empty dock. */
  openBriefed(runId: string, labId: string, service: string, index?: number): void;
  open(runId: string, labId: string, service: string, index?: number): void;
  close(runId: string, key: string): void;
  show(runId: string, key: string): void;
  /** After a reload: each run's dock gets back the terminals it had (restored by the terminals store). */
  restore(): void;
}

const KEY = 'labdeck.run-dock';
const Remembered = z.object({ byRun: z.record(RunId, z.array(z.string()).max(64)), shown: z.record(RunId, z.string().optional()) });

/** A run's terminal dock: shells into the lab's services, recorded and linked to the run (`recordTo`). */
export const useRunDockStore = create<DockState>((set, get) => ({
  byRun: {},
  shown: {},
  autoOpened: {},
  openBriefed(runId, labId, service, index) {
    const s = get();
    if (s.autoOpened[runId] || (s.byRun[runId] ?? []).length) return;
    set({ autoOpened: { ...s.autoOpened, [runId]: true } });
    s.open(runId, labId, service, index);
  },
  open(runId, labId, service, index) {
    const key = useTerminalsStore.getState().open({ kind: 'container', labId, service, ...(index && index > 1 ? { index } : {}) }, { runId });
    set((s) => ({ byRun: { ...s.byRun, [runId]: [...(s.byRun[runId] ?? []), key] }, shown: { ...s.shown, [runId]: key } }));
  },
  close(runId, key) {
    useTerminalsStore.getState().close(key);
    set((s) => {
      const keys = (s.byRun[runId] ?? []).filter((k) => k !== key);
      return { byRun: { ...s.byRun, [runId]: keys }, shown: { ...s.shown, [runId]: s.shown[runId] === key ? keys.at(-1) : s.shown[runId] } };
    });
  },
  show: (runId, key) => set((s) => ({ shown: { ...s.shown, [runId]: key } })),
  restore() {
    let raw: unknown = null;
    try {
      raw = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    } catch {
      raw = null;
    }
    const parsed = Remembered.safeParse(raw);
    if (!parsed.success) return;
    const open = new Set(useTerminalsStore.getState().tabs.map((t) => t.key));
    const byRun = Object.fromEntries(Object.entries(parsed.data.byRun).map(([run, keys]) => [run, keys.filter((k) => open.has(k))]));
    set({ byRun, shown: parsed.data.shown });
  },
}));

// Written to this browser tab's sessionStorage on every change, so a reload keeps each run's dock.
useRunDockStore.subscribe((s) => {
  try {
    sessionStorage.setItem(KEY, JSON.stringify({ byRun: s.byRun, shown: s.shown }));
  } catch {
    // storage refused: a reload then shows an empty dock, as before
  }
});
