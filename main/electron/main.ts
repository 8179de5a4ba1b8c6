import { app, BrowserWindow, dialog, nativeTheme, session } from 'electron';
import { join } from 'node:path';
import { createHostCore } from '../core/host-core';
import { electronNativeBinding } from './native-binding';
import { bridgeIpc } from './ipc-bridge';
import { hardenApp, hardenContents, hardenSession } from './security';
import { windowOptions } from './window-options';

const rendererIndex = join(__dirname, '../renderer/index.html');
const preload = join(__dirname, '../preload/index.cjs');
let win: BrowserWindow | null = null;

app.enableSandbox();
hardenApp();

app.whenReady().then(async () => {
  hardenSession(session.defaultSession);
  const core = createHostCore({
    dataDir: process.env.LABDECK_HOME ?? app.getPath('userData'),
    resourcesDir: join(app.getAppPath(), 'resources'),
    store: { nativeBinding: electronNativeBinding() },
    version: app.getVersion(),
    receiveAlerts: true,
    allowHostShell: true,
  });
  const info = await core.handlers['app.info']({});
  void core.labs.reconcile().catch(() => undefined);
  bridgeIpc(core.handlers, core.bus, () => win?.webContents ?? null, rendererIndex, (id, sink, o) => core.terminals.attach(id, sink, o));

  win = new BrowserWindow(windowOptions(preload, { dark: nativeTheme.shouldUseDarkColors }));
  hardenContents(win.webContents, rendererIndex);
  win.once('ready-to-show', () => win?.show());
  win.on('closed', () => (win = null));
  await win.loadFile(rendererIndex);
  if (info.corruptDatabaseMovedTo) {
    void dialog.showMessageBox(win, {
      type: 'warning',
      message: 'The Labdeck database was damaged',
      detail: `It was moved to ${info.corruptDatabaseMovedTo} and a new one was started. Nothing was deleted.`,
    });
  }
  app.on('before-quit', () => void core.close());
});

app.on('window-all-closed', () => app.quit());
