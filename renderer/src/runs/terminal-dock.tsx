import { useEffect, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import { api } from '../state/client';
import { TerminalPane } from '../terminals/terminal-pane';
import { statusText } from '../terminals/terminal-tabs';
import { useTerminalsStore } from '../terminals/terminals-store';

/** The tabs each run's dock opened (the terminals themselves live in the terminals store). */
const docked = new Map<string, string[]>();

/**
 * Shells into the lab's services, below the run: each one recorded and linked to the run
 * (`recordTo`), so History replays what the responder typed.
 */
export function TerminalDock({ runId, labId, enabled }: { runId: string; labId: string; enabled: boolean }) {
  const tabs = useTerminalsStore((s) => s.tabs);
  const [keys, setKeys] = useState<string[]>(() => docked.get(runId) ?? []);
  const [shown, setShown] = useState<string | null>(() => keys.at(-1) ?? null);
  const [services, setServices] = useState<string[]>([]);
  useEffect(() => {
    void api()
      .api['labs.status']({ labId })
      .then(
        (s) => setServices([...new Set(s.services.filter((x) => x.state === 'running' && !/prometheus|alertmanager|exporter/.test(x.service)).map((x) => x.service))]),
        () => setServices([]),
      );
  }, [labId]);
  const mine = keys.map((k) => tabs.find((t) => t.key === k)).filter((t) => t !== undefined);
  const open = (service: string): void => {
    const key = useTerminalsStore.getState().open({ kind: 'container', labId, service }, { recordTo: runId });
    const next = [...keys, key];
    docked.set(runId, next);
    setKeys(next);
    setShown(key);
  };
  const close = (key: string): void => {
    useTerminalsStore.getState().close(key);
    const next = keys.filter((k) => k !== key);
    docked.set(runId, next);
    setKeys(next);
    setShown((cur) => (cur === key ? (next.at(-1) ?? null) : cur));
  };
  const current = mine.find((t) => t.key === shown) ?? mine.at(-1);
  return (
    <section className="terminal-dock" aria-label="Terminal dock">
      <div className="row">
        <h2>Terminals</h2>
        {services.map((s) => (
          <button key={s} type="button" className="secondary" disabled={!enabled} onClick={() => open(s)} aria-label={`Open a terminal in ${s}`}>
            + {s}
          </button>
        ))}
        <span className="muted">recorded with the run</span>
      </div>
      {mine.length ? (
        <>
          <div role="tablist" aria-label="Run terminals" className="terminal-tabs">
            {mine.map((t) => (
              <span key={t.key} className={`terminal-tab ${t.status.state}`}>
                <button type="button" role="tab" aria-selected={current?.key === t.key} onClick={() => setShown(t.key)} title={statusText(t)}>
                  {t.title}
                </button>
                <button type="button" aria-label={`Close ${t.title}`} onClick={() => close(t.key)}>
                  ×
                </button>
              </span>
            ))}
          </div>
          {current ? (
            <div className="terminal-column dock-pane">
              <TerminalPane key={current.key} tabKey={current.key} label={current.title} focused onFocus={() => undefined} />
              <p className="terminal-status" role="status" aria-label={`Status of ${current.title}`}>
                {statusText(current)}
              </p>
            </div>
          ) : null}
        </>
      ) : (
        <p className="muted">Open a shell into a service of the lab; what you type is recorded with the run.</p>
      )}
    </section>
  );
}
