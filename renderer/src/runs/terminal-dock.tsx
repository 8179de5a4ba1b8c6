import '@xterm/xterm/css/xterm.css';
import { TerminalPane } from '../terminals/terminal-pane';
import { statusText } from '../terminals/terminal-tabs';
import { useTerminalsStore } from '../terminals/terminals-store';
import { useRunDockStore } from './run-dock-store';

const NONE: string[] = [];

/** The run's terminals as tabs, one shown; each is recorded with the run, so History replays it. */
export function TerminalDock({ runId }: { runId: string }) {
  const tabs = useTerminalsStore((s) => s.tabs);
  const keys = useRunDockStore((s) => s.byRun[runId] ?? NONE);
  const shown = useRunDockStore((s) => s.shown[runId]);
  const { show, close } = useRunDockStore.getState();
  const mine = keys.map((k) => tabs.find((t) => t.key === k)).filter((t) => t !== undefined);
  const current = mine.find((t) => t.key === shown) ?? mine.at(-1);
  return (
    <section className="terminal-dock" aria-label="Terminal dock">
      <h2>Terminals</h2>
      {mine.length === 0 ? <p className="muted">Open a shell from a row of the lab's services; what you type is recorded with the run.</p> : null}
      {mine.length ? (
        <div role="tablist" aria-label="Run terminals" className="terminal-tabs">
          {mine.map((t) => (
            <span key={t.key} className={`terminal-tab ${t.status.state}`}>
              <button type="button" role="tab" aria-selected={current?.key === t.key} onClick={() => show(runId, t.key)} title={statusText(t)}>
                {t.title}
              </button>
              <button type="button" aria-label={`Close ${t.title}`} onClick={() => close(runId, t.key)}>
                ×
              </button>
            </span>
          ))}
        </div>
      ) : null}
      {current ? (
        <div className="terminal-column dock-pane">
          <TerminalPane key={current.key} tabKey={current.key} label={current.title} focused onFocus={() => undefined} />
          <p className="terminal-status" role="status" aria-label={`Status of ${current.title}`}>
            {statusText(current)}
          </p>
        </div>
      ) : null}
    </section>
  );
}
