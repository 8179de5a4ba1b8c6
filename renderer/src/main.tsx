import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';
import { consoleSession } from './transport/console-session';
import { setSessionToken } from './transport/connect';
import { preloadBridge } from './transport/ipc-transport';
import { useTerminalsStore } from './terminals/terminals-store';
import { useRunDockStore } from './runs/run-dock-store';

const root = createRoot(document.getElementById('root')!);

async function start(): Promise<void> {
  // Electron talks over IPC; only the browser console needs a session.
  if (!preloadBridge()) {
    const session = await consoleSession();
    if ('problem' in session) {
      root.render(<main className="page"><h1>Labdeck console</h1><p role="alert">{session.problem}</p></main>);
      return;
    }
    setSessionToken(session.token);
  }
  // the shells this tab had open before a reload: core keeps them a while, so reattach
  useTerminalsStore.getState().restore();
  useRunDockStore.getState().restore();
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void start();
