import { contextBridge, ipcRenderer } from 'electron';
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../main/api/names';
import { IPC_EVENT_CHANNEL, ipcChannel } from '../main/api/ipc-channels';

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
});
