import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';

/**
 * A stand-in for the `electron` module, for tests only (see `installFakeElectron` for the wiring):
 * the Electron binary cannot run on the test machine, so main/electron/ runs under Node against
 * this. It has exactly what main/electron/ uses, records what was registered, and lets a test play
 * the part of Chromium (a frame invoking a channel, a page navigating, a permission request).
 * What it cannot tell: anything Chromium itself enforces (sandbox, CSP, contextIsolation).
 */

type Handler = (event: FakeIpcEvent, ...args: unknown[]) => unknown;
type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export interface FakeFrame {
  url: string;
}

export interface FakeIpcEvent {
  sender: FakeWebContents;
  senderFrame: FakeFrame | null;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame: FakeFrame = { url: 'about:blank' };
  /** Every `send(channel, ...args)` to the page, in order. */
  readonly sent: unknown[][] = [];
  windowOpenHandler: WindowOpenHandler | undefined;
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** Emits an Electron-style event that the listener may cancel; returns whether it was cancelled. */
  cancellable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
  /** An IPC event as this page's main frame (or another frame of it) would send it. */
  ipcEvent(frame: FakeFrame | null = this.mainFrame): FakeIpcEvent {
    return { sender: this, senderFrame: frame };
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  shown = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
    queueMicrotask(() => this.emit('ready-to-show'));
  }
  show(): void {
    this.shown = true;
  }
  async loadFile(path: string): Promise<void> {
    this.webContents.mainFrame.url = pathToFileURL(path).href;
  }
}

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, fn: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What `ipcRenderer.invoke(channel, ...args)` from `event`'s frame would get back. */
  async invoke(channel: string, event: FakeIpcEvent, ...args: unknown[]): Promise<unknown> {
    const fn = this.handlers.get(channel);
    if (!fn) throw new Error(`No handler registered for '${channel}'`);
    return fn(event, ...args);
  }
}

class FakeSession {
  permissionRequest: ((wc: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void) | undefined;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | undefined;
  headersReceived: ((details: { responseHeaders?: Record<string, string[]> }, callback: (r: { responseHeaders?: Record<string, string[]> }) => void) => void) | undefined;
  readonly webRequest = { onHeadersReceived: (fn: FakeSession['headersReceived']) => void (this.headersReceived = fn) };
  setPermissionRequestHandler(fn: FakeSession['permissionRequest']): void {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: FakeSession['permissionCheck']): void {
    this.permissionCheck = fn;
  }
}

class FakeApp extends EventEmitter {
  sandboxed = false;
  isPackaged = false;
  private markReady!: () => void;
  private readonly ready = new Promise<void>((r) => (this.markReady = r));
  constructor(
    private readonly paths: { userData: string; appPath: string },
    private readonly version = '0.0.0-fake',
  ) {
    super();
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** The test says when Electron is ready, so it can look at what was set up before. */
  fireReady(): void {
    this.markReady();
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`fake app has no path ${name}`);
    return this.paths.userData;
  }
  getAppPath(): string {
    return this.paths.appPath;
  }
  getVersion(): string {
    return this.version;
  }
  quit(): void {
    this.emit('will-quit');
  }
}

/** A fresh fake `electron` module. */
export function createFakeElectron(paths: { userData: string; appPath: string }) {
  const shell = { opened: [] as string[], openExternal: async (url: string) => void shell.opened.push(url) };
  const dialog = { shown: [] as unknown[], showMessageBox: async (...args: unknown[]) => (dialog.shown.push(args), { response: 0 }) };
  return {
    app: new FakeApp(paths),
    BrowserWindow: FakeBrowserWindow,
    ipcMain: new FakeIpcMain(),
    session: { defaultSession: new FakeSession() },
    shell,
    dialog,
    nativeTheme: { shouldUseDarkColors: false },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
let installed: FakeElectron | undefined;

/** Makes the fake that `electronModule()` hands out; call it before main/electron/ is first imported. */
export function installFakeElectron(paths: { userData: string; appPath: string }): FakeElectron {
  installed = createFakeElectron(paths);
  return installed;
}

/** For `vi.mock('electron', async () => (await import('…/fake-electron')).electronModule())`. */
export function electronModule(): FakeElectron {
  if (!installed) throw new Error('installFakeElectron() before importing main/electron/');
  return installed;
}
