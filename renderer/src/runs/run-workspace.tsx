import type { ReactNode } from 'react';
import { Group, Panel, Separator, useDefaultLayout, usePanelRef } from 'react-resizable-panels';

/** Where the split is remembered (per browser profile, like the theme): one layout for every run. */
export const SPLIT_ID = 'labdeck.run-room.split';
const BENCH_ID = 'labdeck.run-room.bench';

const memory = new Map<string, string>();
/** Keeps the split for this page only, where there is no localStorage (a server-side render, a locked-down profile). */
const pageOnly = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v) };

function storage(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    return typeof localStorage === 'undefined' ? pageOnly : localStorage;
  } catch {
    return pageOnly;
  }
}

/**
 * The run room as a workspace (Killercoda's and Educates' layout): the instructions on the left, the
 * shell and the lab's services on the right, side by side on a laptop screen. Both splits are
 * resizable with the mouse or the keyboard (the separator is focusable, arrows move it) and
 * remembered; a double-click on the vertical gutter folds the instructions away and back.
 */
export function RunWorkspace({ instructions, terminal, services }: { instructions: ReactNode; terminal: ReactNode; services: ReactNode }) {
  const store = storage();
  const split = useDefaultLayout({ id: SPLIT_ID, panelIds: ['instructions', 'bench'], storage: store });
  const bench = useDefaultLayout({ id: BENCH_ID, panelIds: ['terminal', 'services'], storage: store });
  const left = usePanelRef();
  const toggle = (): void => {
    const p = left.current;
    if (!p) return;
    if (p.isCollapsed()) p.expand();
    else p.collapse();
  };
  return (
    <Group className="run-workspace" orientation="horizontal" id="run-room-split" defaultLayout={split.defaultLayout} onLayoutChanged={split.onLayoutChanged}>
      <Panel id="instructions" panelRef={left} defaultSize="40%" minSize="22%" collapsible collapsedSize="0%" className="workspace-instructions">
        <section aria-label="Instructions" className="workspace-scroll" tabIndex={0}>
          {instructions}
        </section>
      </Panel>
      <Separator className="workspace-gutter" disableDoubleClick onDoubleClick={toggle} aria-label="Resize the instructions (double-click folds them)" title="Drag to resize; double-click to fold the instructions" />
      <Panel id="bench" defaultSize="60%" minSize="30%">
        <Group orientation="vertical" id="run-room-bench" defaultLayout={bench.defaultLayout} onLayoutChanged={bench.onLayoutChanged}>
          <Panel id="terminal" defaultSize="68%" minSize="25%" className="workspace-terminal">
            {terminal}
          </Panel>
          <Separator className="workspace-gutter horizontal" aria-label="Resize the terminal and the lab's services" />
          <Panel id="services" defaultSize="32%" minSize="10%" collapsible className="workspace-scroll">
            {services}
          </Panel>
        </Group>
      </Panel>
    </Group>
  );
}
