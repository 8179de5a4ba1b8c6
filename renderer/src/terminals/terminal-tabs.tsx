import { useTerminalsStore, type TerminalTab } from './terminals-store';

function statusText(t: TerminalTab): string {
  const s = t.status;
  if (s.state === 'exited') return `Exited with code ${s.exitCode ?? 'unknown'}`;
  if (s.state === 'failed') return `Failed: ${s.message ?? ''}`;
  if (s.state === 'reconnecting') return 'Reconnecting…';
  return s.state === 'open' ? 'Connected' : 'Connecting…';
}

export { statusText };

/** One tab per terminal: click shows it in the focused pane; × closes it. */
export function TerminalTabs() {
  const tabs = useTerminalsStore((s) => s.tabs);
  const panes = useTerminalsStore((s) => s.panes);
  const focused = useTerminalsStore((s) => s.focusedPane);
  const { show, close } = useTerminalsStore.getState();
  return (
    <div role="tablist" aria-label="Terminals" className="terminal-tabs">
      {tabs.map((t) => (
        <span key={t.key} className={`terminal-tab ${t.status.state}`}>
          <button type="button" role="tab" aria-selected={panes[focused] === t.key} onClick={() => show(t.key)} title={statusText(t)}>
            {t.title}
            {t.status.state === 'exited' ? ` (${t.status.exitCode ?? '?'})` : ''}
          </button>
          <button type="button" aria-label={`Close ${t.title}`} onClick={() => close(t.key)}>
            ×
          </button>
        </span>
      ))}
    </div>
  );
}
