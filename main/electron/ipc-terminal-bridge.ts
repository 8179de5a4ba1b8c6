import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { IPC_TERMINAL } from '../api/ipc-channels';
import { parseSince } from '../api/terminal-wire';
import { SessionId } from '../api/schemas/terminals';
import { toErrorValue } from '../api/errors';
import type { TerminalChannel } from '../core/terminals/terminal-channel';
import type { TerminalSink } from '../core/terminals/terminal-session';

type Attach = (sessionId: string, sink: TerminalSink, opts?: { since?: number }) => TerminalChannel;

/**
 * Terminal bytes over Electron IPC, the same channel the console's /api/term socket carries:
 * output goes to the window as Uint8Array, keystrokes and resize/ack come back; every message is
 * checked for its sender and its session id, and control messages are parsed by their schema.
 */
export function bridgeTerminalIpc(attach: Attach, window: () => WebContents | null, senderOk: (e: IpcMainEvent | IpcMainInvokeEvent) => boolean): () => void {
  const channels = new Map<string, TerminalChannel>();
  const emit = (id: string, kind: 'data' | 'control' | 'closed', payload?: unknown): void => {
    const wc = window();
    if (wc && !wc.isDestroyed()) wc.send(IPC_TERMINAL.event, id, kind, payload);
  };
  const channelOf = (e: IpcMainEvent, id: unknown): TerminalChannel | undefined =>
    senderOk(e) && SessionId.safeParse(id).success ? channels.get(id as string) : undefined;

  ipcMain.handle(IPC_TERMINAL.attach, (e, id: unknown, sinceRaw: unknown) => {
    if (!senderOk(e)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an unknown sender' } };
    const parsed = SessionId.safeParse(id);
    if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: 'not a terminal session id' } };
    // a reattach after a reload names the output offset it has, as the console's ?since= does
    const since = sinceRaw === undefined || sinceRaw === null ? undefined : parseSince(String(sinceRaw));
    if (since === null) return { ok: false, error: { code: 'BAD_REQUEST', message: 'since is not an output offset' } };
    try {
      const channel = attach(parsed.data, {
        data: (chunk) => emit(parsed.data, 'data', new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length)),
        exit: (exitCode) => {
          emit(parsed.data, 'control', { type: 'exit', exitCode });
          channels.delete(parsed.data);
          emit(parsed.data, 'closed');
        },
        replayed: (r) => emit(parsed.data, 'control', { type: 'replayed', ...r }),
        // one window: the channel replaced was its own before a reload, and nobody is left to tell
        replaced: () => undefined,
      }, { since });
      channels.set(parsed.data, channel);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: toErrorValue(err) };
    }
  });
  ipcMain.on(IPC_TERMINAL.input, (e, id: unknown, bytes: unknown) => {
    if (bytes instanceof Uint8Array) channelOf(e, id)?.input(Buffer.from(bytes));
  });
  ipcMain.on(IPC_TERMINAL.control, (e, id: unknown, message: unknown) => void channelOf(e, id)?.control(message));
  ipcMain.on(IPC_TERMINAL.detach, (e, id: unknown) => {
    const channel = channelOf(e, id);
    channels.delete(id as string);
    channel?.detach();
  });
  return () => {
    for (const c of channels.values()) c.detach();
    channels.clear();
    ipcMain.removeHandler(IPC_TERMINAL.attach);
    for (const ch of [IPC_TERMINAL.input, IPC_TERMINAL.control, IPC_TERMINAL.detach]) ipcMain.removeAllListeners(ch);
  };
}
