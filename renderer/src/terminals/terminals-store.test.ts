import { beforeEach, describe, expect, it, vi } from 'vitest';

const disposed: string[] = [];
vi.mock('./terminal-instance', () => ({
  TerminalInstance: class {
    constructor(
      readonly id: string,
      readonly target: { service?: string },
    ) {}
    dispose() {
      disposed.push(this.target.service ?? 'host');
    }
  },
}));

const { useTerminalsStore, terminalInstance } = await import('./terminals-store');
const store = () => useTerminalsStore.getState();
const target = (service: string) => ({ kind: 'container' as const, labId: 'lab-a', service });

describe('terminal tabs and panes', () => {
  beforeEach(() => {
    for (const t of store().tabs) store().close(t.key);
    disposed.length = 0;
  });

  it('shows a new terminal in the focused pane, titled by service and lab', () => {
    const a = store().open(target('redis'));
    const b = store().open({ kind: 'host', labId: 'lab-a' });
    const c = store().open({ kind: 'pod', labId: 'k3s', namespace: 'shop', pod: 'web-1' });
    const d = store().open({ kind: 'pod', labId: 'k3s', namespace: 'shop', pod: 'web-1', container: 'proxy' });
    expect(store().tabs.map((t) => t.title)).toEqual(['redis · lab-a', 'host · lab-a', 'web-1 · k3s', 'web-1/proxy · k3s']);
    expect(store().panes).toEqual([d]);
    expect(terminalInstance(b)).toBeDefined();
    expect(terminalInstance(c)).toBeDefined();
    expect(terminalInstance(a)).toBeDefined();
  });

  it('splits into two panes, shows a tab in the focused one, and closing keeps panes filled', () => {
    const a = store().open(target('redis'));
    const b = store().open(target('worker'));
    const c = store().open(target('producer'));
    store().split();
    expect(store().panes).toEqual([c, a]);
    expect(store().focusedPane).toBe(1);
    store().show(b);
    expect(store().panes).toEqual([c, b]);
    store().show(c); // already shown: focus its pane instead of showing it twice
    expect(store().focusedPane).toBe(0);
    store().close(c);
    expect(disposed).toEqual(['producer']);
    expect(store().panes).toEqual([a, b]);
    store().unsplit();
    expect(store().panes).toEqual([a]);
    store().close(a);
    store().close(b);
    expect(store().panes).toEqual([]);
    expect(store().tabs).toEqual([]);
  });
});
