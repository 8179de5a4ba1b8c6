import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';
import { setClient } from './state/client';
import { useConnectionStore } from './state/connection-store';
import { takeLinkCode } from './transport/link-code';

const root = createRoot(document.getElementById('root')!);
// First, before anything is awaited: see link-code.ts.
const linkCode = takeLinkCode();
// Requested now, while React starts: see transport/boot.ts.
const boot = import('./transport/boot');

async function start(): Promise<void> {
  const { consoleSession, connectClient, preloadBridge, setSessionToken } = await boot;
  // Electron talks over IPC; only the browser console needs a session.
  if (!preloadBridge()) {
    const session = await consoleSession(linkCode);
    if ('problem' in session) {
      root.render(<main className="page"><h1>Labdeck console</h1><p role="alert">{session.problem}</p></main>);
      return;
    }
    setSessionToken(session.token);
  }
  setClient(connectClient((up) => useConnectionStore.getState().setConnected(up)));
  // the shells this tab had open before a reload: core keeps them a while, so reattach (xterm loads only then)
  void import('./terminals/terminal-memory').then(async ({ rememberedTerminals }) => {
    if (rememberedTerminals().terminals.length === 0) return;
    const [t, d] = await Promise.all([import('./terminals/terminals-store'), import('./runs/run-dock-store')]);
    t.useTerminalsStore.getState().restore();
    d.useRunDockStore.getState().restore();
  });
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
void start();
