import { useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import { EmptyState } from '../components/empty-state';
import { NewTerminalForm } from '../terminals/new-terminal-form';
import { RecordingsList } from '../terminals/recordings-list';
import { TerminalPane } from '../terminals/terminal-pane';
import { statusText, TerminalTabs } from '../terminals/terminal-tabs';
import { terminalInstance, useTerminalsStore } from '../terminals/terminals-store';

/** Terminals as tabs, one pane or two side by side; search in the focused one. */
export function TerminalsPage() {
  const tabs = useTerminalsStore((s) => s.tabs);
  const panes = useTerminalsStore((s) => s.panes);
  const focused = useTerminalsStore((s) => s.focusedPane);
  const { split, unsplit, focusPane } = useTerminalsStore.getState();
  const [query, setQuery] = useState('');
  const find = (): void => {
    const key = panes[focused];
    if (key && query) terminalInstance(key)?.search.findNext(query);
  };
  return (
    <div className="terminals-page">
      <div className="row">
        <h1>Terminals</h1>
        <NewTerminalForm />
      </div>
      {tabs.length === 0 ? (
        <EmptyState title="No terminals open">
          <p>Open a shell into a service of a running lab here, or with “Open shell” on a lab's services table.</p>
        </EmptyState>
      ) : (
        <>
          <div className="row">
            <TerminalTabs />
            {panes.length > 1 ? (
              <button type="button" onClick={unsplit}>
                Single pane
              </button>
            ) : (
              <button type="button" onClick={split} disabled={tabs.length < 2}>
                Split
              </button>
            )}
            <input type="search" aria-label="Search in terminal" placeholder="Search" value={query} onChange={(e) => setQuery(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && find()} />
          </div>
          <div className={`terminal-panes panes-${panes.length}`}>
            {panes.map((key, i) => {
              const tab = tabs.find((t) => t.key === key);
              if (!tab) return null;
              return (
                <div key={key} className="terminal-column">
                  <TerminalPane tabKey={key} label={tab.title} focused={i === focused} onFocus={() => focusPane(i)} />
                  <p className="terminal-status" role="status" aria-label={`Status of ${tab.title}`}>
                    {statusText(tab)}
                  </p>
                </div>
              );
            })}
          </div>
        </>
      )}
      <RecordingsList />
    </div>
  );
}
