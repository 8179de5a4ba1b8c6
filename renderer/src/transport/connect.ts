import { createClient, type Client } from '../../../main/api/client';
import { ipcTransport, preloadBridge } from './ipc-transport';
import { wsTransport } from './ws-transport';

/** The console's session token, once the page has it (see console-session.ts); unused under Electron. */
let sessionToken: string | null = null;
export function setSessionToken(token: string): void {
  sessionToken = token;
}
/** The session token sockets of their own (a terminal's byte channel) present; null under Electron. */
export const currentSessionToken = (): string | null => sessionToken;

/** Electron IPC when the preload is there, the console's WebSocket otherwise. */
export function connectClient(onConnection?: (up: boolean) => void): Client {
  const bridge = preloadBridge();
  if (bridge) {
    onConnection?.(true);
    return createClient(ipcTransport(bridge));
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createClient(wsTransport(`${scheme}://${location.host}/api/ws`, onConnection, () => sessionToken));
}
