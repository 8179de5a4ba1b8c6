import { create } from 'zustand';
import type { TerminalTarget } from '../../../main/api/schemas/terminals';
import { TerminalInstance, type TerminalStatus } from './terminal-instance';
import { rememberedTerminals, rememberTerminals, type RememberedTerminal } from './terminal-memory';

export interface TerminalTab {
  key: string;
  title: string;
  status: TerminalStatus;
}

interface TerminalsState {
  tabs: TerminalTab[];
  /** The tab shown in each pane; a second pane exists when split. */
  panes: string[];
  focusedPane: number;
  open(target: TerminalTarget, opts?: { runId?: string }): string;
  show(key: string): void;
  close(key: string): void;
  split(): void;
  unsplit(): void;
  focusPane(i: number): void;
  /** After a reload: the terminals this browser tab had open, reattached to their shells. */
  restore(): void;
}

/** The xterm instances live outside React state; the store holds only plain data about them. */
const instances = new Map<string, TerminalInstance>();
export const terminalInstance = (key: string): TerminalInstance | undefined => instances.get(key);

let counter = 0;
/** The shell each tab is joined to, as its instance last reported. */
const sessions = new Map<string, string>();
const titleOf = (t: TerminalTarget): string => {
  if (t.kind === 'host') return `host${t.labId ? ` · ${t.labId}` : ''}`;
  if (t.kind === 'pod') return `${t.pod}${t.container ? `/${t.container}` : ''} · ${t.labId}`;
  return `${t.service}${t.index && t.index > 1 ? ` #${t.index}` : ''} · ${t.labId}`;
};

/** Open terminals as tabs, shown in one pane or two side by side. */
export const useTerminalsStore = create<TerminalsState>((set, get) => ({
  tabs: [],
  panes: [],
  focusedPane: 0,
  open(target, opts) {
    const key = `t${++counter}`;
    set((s) => {
      const panes = s.panes.length ? [...s.panes] : [key];
      panes[Math.min(s.focusedPane, panes.length - 1)] = key;
      return { tabs: [...s.tabs, { key, title: titleOf(target), status: { state: 'connecting' } }], panes };
    });
    instances.set(key, new TerminalInstance(key, target, statusSetter(key), opts?.runId));
    return key;
  },
  restore() {
    const { terminals, panes } = rememberedTerminals();
    const fresh = terminals.filter((r) => !instances.has(r.key));
    if (fresh.length === 0) return;
    for (const r of fresh) counter = Math.max(counter, Number(r.key.slice(1)));
    set((s) => {
      const tabs = [...s.tabs, ...fresh.map((r) => ({ key: r.key, title: titleOf(r.target), status: { state: 'connecting' as const } }))];
      const shown = panes.filter((k) => tabs.some((t) => t.key === k));
      return { tabs, panes: s.panes.length ? s.panes : shown.length ? shown : [tabs[0].key], focusedPane: 0 };
    });
    for (const r of fresh) instances.set(r.key, new TerminalInstance(r.key, r.target, statusSetter(r.key), r.runId, r.sessionId));
  },
  show(key) {
    set((s) => {
      if (s.panes.includes(key)) return { focusedPane: s.panes.indexOf(key) };
      const panes = s.panes.length ? [...s.panes] : [key];
      panes[s.focusedPane] = key;
      return { panes };
    });
  },
  close(key) {
    instances.get(key)?.dispose();
    instances.delete(key);
    sessions.delete(key);
    set((s) => {
      const tabs = s.tabs.filter((t) => t.key !== key);
      const spare = (taken: string[]) => tabs.find((t) => !taken.includes(t.key))?.key;
      const panes: string[] = [];
      for (const p of s.panes) {
        const next = p === key ? spare(panes) : p;
        if (next && !panes.includes(next)) panes.push(next);
      }
      return { tabs, panes, focusedPane: Math.min(s.focusedPane, Math.max(0, panes.length - 1)) };
    });
  },
  split() {
    const s = get();
    const other = s.tabs.find((t) => !s.panes.includes(t.key));
    if (s.panes.length !== 1 || !other) return;
    set({ panes: [s.panes[0], other.key], focusedPane: 1 });
  },
  unsplit() {
    const s = get();
    if (s.panes.length > 1) set({ panes: [s.panes[s.focusedPane]], focusedPane: 0 });
  },
  focusPane: (i) => set({ focusedPane: i }),
}));

function statusSetter(key: string): (status: TerminalStatus) => void {
  return (status) => {
    // a shell that exited (or failed) is not reattached after a reload; one that is alive is
    if (status.sessionId && (status.state === 'open' || status.state === 'reconnecting' || status.state === 'connecting')) sessions.set(key, status.sessionId);
    else if (status.state === 'exited' || status.state === 'failed') sessions.delete(key);
    useTerminalsStore.setState((s) => ({ tabs: s.tabs.map((t) => (t.key === key ? { ...t, status } : t)) }));
  };
}

// Every change is written to this tab's sessionStorage, so a reload can reattach.
useTerminalsStore.subscribe((s) => {
  const terminals: RememberedTerminal[] = [];
  for (const t of s.tabs) {
    const inst = instances.get(t.key);
    const sessionId = sessions.get(t.key);
    if (inst && sessionId) terminals.push({ key: t.key, target: inst.target, sessionId, ...(inst.runId ? { runId: inst.runId } : {}) });
  }
  rememberTerminals({ terminals, panes: s.panes.filter((p) => terminals.some((t) => t.key === p)) });
});
