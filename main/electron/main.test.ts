import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, FakeWebContents, installFakeElectron, type FakeIpcEvent } from '../testing/fake-electron';
import { methodNames } from '../api/contract';
import { IPC_EVENT_CHANNEL, IPC_TERMINAL, ipcChannel } from '../api/ipc-channels';

/**
 * The desktop app's main process, executed: main.ts runs as Electron would run it, against a
 * stand-in `electron` module (the binary cannot run here), on a real core with a throw-away data
 * folder and a real host shell (node-pty). What Chromium enforces itself is not covered.
 */
const home = mkdtempSync(join(tmpdir(), 'labdeck-electron-'));
const saved = { home: process.env.LABDECK_HOME };
process.env.LABDECK_HOME = join(home, 'data');
const electron = installFakeElectron({ userData: join(home, 'userData'), appPath: join(home, 'app') });
vi.mock('electron', async () => (await import('../testing/fake-electron')).electronModule());

await import('./main');
const sandboxedBeforeReady = electron.app.sandboxed;
electron.app.fireReady();
await vi.waitFor(() => expect(FakeBrowserWindow.all[0]?.webContents.mainFrame.url).toMatch(/^file:.*\/renderer\/index\.html$/), { timeout: 30_000 });
const win = FakeBrowserWindow.all[0];
const wc = win.webContents;
const ours = (): FakeIpcEvent => wc.ipcEvent();
const call = (method: string, params: unknown, event = ours()) => electron.ipcMain.invoke(ipcChannel(method), event, params) as Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>;

afterAll(async () => {
  electron.app.emit('before-quit');
  await new Promise((r) => setTimeout(r, 200));
  process.env.LABDECK_HOME = saved.home;
  rmSync(home, { recursive: true, force: true });
});

describe('the Electron main process', () => {
  it('sandboxes the app before it is ready and opens one hardened window showing the renderer', () => {
    expect(sandboxedBeforeReady).toBe(true);
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload[/\\]index\.cjs$/);
    expect(win.shown).toBe(true);
    expect(electron.session.defaultSession.permissionRequest).toBeTypeOf('function');
    expect(wc.cancellable('will-navigate', 'https://evil.example/')).toBe(true);
    expect(wc.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('gives every contract method its IPC channel, and registers nothing else but the terminal attach', () => {
    const channels = [...electron.ipcMain.handlers.keys()].sort();
    expect(channels).toEqual([...methodNames.map(ipcChannel), IPC_TERMINAL.attach].sort());
    for (const ch of [IPC_TERMINAL.input, IPC_TERMINAL.control, IPC_TERMINAL.detach]) expect(electron.ipcMain.listenerCount(ch), ch).toBe(1);
  });

  it('serves a call from its own window and parses its payload', async () => {
    expect(await call('app.info', {})).toMatchObject({ ok: true, result: { version: '0.0.0-fake' } });
    expect(await call('settings.update', { theme: 'purple' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses a call from another page, another frame, or its own frame once it shows another page', async () => {
    const stranger = new FakeWebContents();
    stranger.mainFrame.url = wc.mainFrame.url;
    const refusals = [
      stranger.ipcEvent(),
      wc.ipcEvent({ url: wc.mainFrame.url }),
      wc.ipcEvent(null),
      { sender: wc, senderFrame: { url: 'https://evil.example/' } },
    ];
    for (const event of refusals) {
      expect(await call('settings.update', { theme: 'dark' }, event)).toEqual({ ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an unknown sender' } });
    }
    const appUrl = wc.mainFrame.url;
    wc.mainFrame.url = 'https://evil.example/labdeck';
    try {
      expect(await call('app.info', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    } finally {
      wc.mainFrame.url = appUrl;
    }
    expect((await call('settings.get', {})).result).toMatchObject({ theme: 'system' });
  });

  it('forwards core events to the window', async () => {
    wc.sent.length = 0;
    expect(await call('settings.update', { theme: 'dark' })).toMatchObject({ ok: true });
    expect(wc.sent).toContainEqual([IPC_EVENT_CHANNEL, 'settings.changed', { engineEndpoint: null, theme: 'dark' }]);
  });

  it('bridges a host terminal both ways: keystrokes in (ours only), output and the exit code out', async () => {
    const opened = await call('terminals.open', { target: { kind: 'host' }, cols: 80, rows: 24 });
    expect(opened).toMatchObject({ ok: true });
    const id = (opened.result as { sessionId: string }).sessionId;
    expect(await electron.ipcMain.invoke(IPC_TERMINAL.attach, new FakeWebContents().ipcEvent(), id)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await electron.ipcMain.invoke(IPC_TERMINAL.attach, ours(), id)).toEqual({ ok: true });
    const output = () =>
      Buffer.concat(wc.sent.filter((m) => m[0] === IPC_TERMINAL.event && m[1] === id && m[2] === 'data').map((m) => Buffer.from(m[3] as Uint8Array))).toString('utf8');
    const type = (event: FakeIpcEvent, text: string) => electron.ipcMain.emit(IPC_TERMINAL.input, event, id, new TextEncoder().encode(text));
    type(new FakeWebContents().ipcEvent(), 'echo $((100+23))\r');
    type(ours(), 'echo $((6*7))\r');
    await vi.waitFor(() => expect(output()).toMatch(/^42\r?$/m), { timeout: 15_000 });
    expect(output()).not.toMatch(/123/);
    type(ours(), 'exit 3\r');
    await vi.waitFor(() => expect(wc.sent).toContainEqual([IPC_TERMINAL.event, id, 'control', { type: 'exit', exitCode: 3 }]), { timeout: 15_000 });
    expect(wc.sent).toContainEqual([IPC_TERMINAL.event, id, 'closed', undefined]);
  }, 30_000);
});
