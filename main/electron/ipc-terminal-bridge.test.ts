import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installFakeElectron } from '../testing/fake-electron';

const electron = installFakeElectron({ userData: '/nonexistent/userData', appPath: '/nonexistent/app' });
vi.mock('electron', async () => (await import('../testing/fake-electron')).electronModule());
const invoke = (channel: string, event: unknown, ...args: unknown[]) => electron.ipcMain.invoke(channel, event as never, ...args);
const emit = (channel: string, event: unknown, ...args: unknown[]) => electron.ipcMain.emit(channel, event, ...args);

const { bridgeTerminalIpc } = await import('./ipc-terminal-bridge');
const { IPC_TERMINAL } = await import('../api/ipc-channels');

describe('terminal bytes over IPC', () => {
  const sent: unknown[][] = [];
  const window = { isDestroyed: () => false, send: (...args: unknown[]) => void sent.push(args) };
  const ours = { ours: true };
  const stranger = { ours: false };
  let inputs: Buffer[];
  let controls: unknown[];
  let detached: number;
  let sink: { data(c: Buffer): void; exit(code: number | null): void } | undefined;
  let unbridge: (() => void) | undefined;

  beforeEach(() => {
    sent.length = 0;
    inputs = [];
    controls = [];
    detached = 0;
    // Electron refuses a second handler on one channel; each test starts from a clean ipcMain.
    unbridge?.();
    unbridge = bridgeTerminalIpc(
      (id, s) => {
        if (id !== 'term-abc') throw Object.assign(new Error(`no terminal ${id}`), { code: 'NOT_FOUND' });
        sink = s;
        return { input: (b) => void inputs.push(b), control: (m) => (controls.push(m), true), detach: () => void detached++ };
      },
      () => window as never,
      (e) => (e as unknown) === ours,
    );
  });

  it('attaches for our window only, forwards output as bytes and the exit as a control message', async () => {
    expect(await invoke(IPC_TERMINAL.attach, stranger, 'term-abc')).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await invoke(IPC_TERMINAL.attach, ours, '../etc')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await invoke(IPC_TERMINAL.attach, ours, 'term-zzz')).toMatchObject({ ok: false, error: { message: 'no terminal term-zzz' } });
    expect(await invoke(IPC_TERMINAL.attach, ours, 'term-abc')).toEqual({ ok: true });
    sink!.data(Buffer.from('héllo'));
    sink!.exit(3);
    expect(sent[0]).toEqual([IPC_TERMINAL.event, 'term-abc', 'data', new Uint8Array(Buffer.from('héllo'))]);
    expect(sent[1]).toEqual([IPC_TERMINAL.event, 'term-abc', 'control', { type: 'exit', exitCode: 3 }]);
    expect(sent[2]).toEqual([IPC_TERMINAL.event, 'term-abc', 'closed', undefined]);
  });

  it('takes keystrokes as bytes and control messages from our window only, and detaches', async () => {
    await invoke(IPC_TERMINAL.attach, ours, 'term-abc');
    emit(IPC_TERMINAL.input, ours, 'term-abc', new Uint8Array([104, 105]));
    emit(IPC_TERMINAL.input, stranger, 'term-abc', new Uint8Array([33]));
    emit(IPC_TERMINAL.input, ours, 'term-abc', 'not bytes');
    emit(IPC_TERMINAL.control, ours, 'term-abc', { type: 'resize', cols: 100, rows: 30 });
    emit(IPC_TERMINAL.control, stranger, 'term-abc', { type: 'ack', bytes: 1 });
    expect(inputs.map(String)).toEqual(['hi']);
    expect(controls).toEqual([{ type: 'resize', cols: 100, rows: 30 }]);
    emit(IPC_TERMINAL.detach, ours, 'term-abc');
    expect(detached).toBe(1);
    emit(IPC_TERMINAL.input, ours, 'term-abc', new Uint8Array([1]));
    expect(inputs).toHaveLength(1);
  });
});
