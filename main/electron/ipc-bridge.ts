import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { checkEvent, dispatch } from '../api/dispatcher';
import { methodNames } from '../api/contract';
import type { EventSource, Handlers } from '../api/handlers';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../api/ipc-channels';
import { isAppUrl } from './security';
import { bridgeTerminalIpc } from './ipc-terminal-bridge';
import type { TerminalChannel } from '../core/terminals/terminal-channel';
import type { TerminalSink } from '../core/terminals/terminal-session';

/**
 * The contract over Electron IPC: one `handle` per method. A call is served only when it comes
 * from our window's main frame showing our own page; its payload is parsed like any other.
 */
export function bridgeIpc(
  handlers: Handlers,
  source: EventSource,
  window: () => WebContents | null,
  rendererIndex: string,
  attachTerminal?: (sessionId: string, sink: TerminalSink, opts?: { since?: number }) => TerminalChannel,
): () => void {
  const senderOk = (e: IpcMainInvokeEvent | IpcMainEvent): boolean => {
    const wc = window();
    return !!wc && e.sender.id === wc.id && !!e.senderFrame && e.senderFrame === wc.mainFrame && isAppUrl(e.senderFrame.url, rendererIndex);
  };
  for (const method of methodNames) {
    ipcMain.handle(ipcChannel(method), (e, params: unknown) => {
      if (!senderOk(e)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'IPC from an unknown sender' } };
      return dispatch(handlers, method, params);
    });
  }
  const unsubscribe = source.subscribe((event, payload) => {
    const checked = checkEvent(event, payload);
    const wc = window();
    if (checked && wc && !wc.isDestroyed()) wc.send(IPC_EVENT_CHANNEL, checked.event, checked.payload);
  });
  const unbridgeTerminals = attachTerminal ? bridgeTerminalIpc(attachTerminal, window, senderOk) : () => undefined;
  return () => {
    unbridgeTerminals();
    unsubscribe();
    for (const method of methodNames) ipcMain.removeHandler(ipcChannel(method));
  };
}
