import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../main/api/names';
import { IPC_EVENT_CHANNEL, IPC_TERMINAL, ipcChannel } from '../main/api/ipc-channels';

/**
 * Exposes the contract to the renderer, generated from its method list: one function per
 * method (each its own IPC channel) and a listener for events. Nothing else crosses.
 */
const invoke = Object.fromEntries(METHOD_NAMES.map((m) => [m, (params: unknown) => ipcRenderer.invoke(ipcChannel(m), params)]));

contextBridge.exposeInMainWorld('labdeck', {
  invoke,
  on(event: EventName, listener: (payload: unknown) => void): () => void {
    if (!(EVENT_NAMES as readonly string[]).includes(event) || typeof listener !== 'function') return () => undefined;
    const handler = (_e: unknown, name: string, payload: unknown): void => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.off(IPC_EVENT_CHANNEL, handler);
  },
  /** Terminal bytes: a session's output, keystrokes and resize/ack, as the console's /api/term socket carries them. */
  terminal: {
    attach: (sessionId: string, since?: number) => ipcRenderer.invoke(IPC_TERMINAL.attach, sessionId, since),
    input: (sessionId: string, bytes: Uint8Array) => ipcRenderer.send(IPC_TERMINAL.input, sessionId, bytes),
    control: (sessionId: string, message: unknown) => ipcRenderer.send(IPC_TERMINAL.control, sessionId, message),
    detach: (sessionId: string) => ipcRenderer.send(IPC_TERMINAL.detach, sessionId),
    listen(listener: (sessionId: string, kind: string, payload: unknown) => void): () => void {
      if (typeof listener !== 'function') return () => undefined;
      const handler = (_e: unknown, sessionId: string, kind: string, payload: unknown): void => listener(sessionId, kind, payload);
      ipcRenderer.on(IPC_TERMINAL.event, handler);
      return () => ipcRenderer.off(IPC_TERMINAL.event, handler);
    },
  },
});
