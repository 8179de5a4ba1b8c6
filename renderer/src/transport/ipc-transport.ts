import type { Transport } from '../../../main/api/client';
import type { EventName, MethodName } from '../../../main/api/contract';

/** What the preload exposes on `window.labdeck`: one function per contract method, and events. */
export interface PreloadBridge {
  invoke: Record<MethodName, (params: unknown) => Promise<unknown>>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

export function preloadBridge(): PreloadBridge | undefined {
  return (globalThis as { labdeck?: PreloadBridge }).labdeck;
}

/** Electron IPC, through the methods the preload exposed one by one. */
export function ipcTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'ipc',
    invoke: (method, params) => {
      const fn = bridge.invoke[method];
      if (!fn) return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `the preload does not expose ${method}` } });
      return fn(params);
    },
    subscribe: (event, listener) => bridge.on(event, listener),
  };
}
