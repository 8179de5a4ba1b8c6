import { wsProtocols } from '../../../main/api/console-auth';
import { currentSessionToken } from '../transport/connect';
import { SINCE_PARAM, splitTerminalInput, terminalSocketPath } from '../../../main/api/terminal-wire';
import { parseControl, type ByteChannel, type ByteChannelHandlers } from './byte-channel';

/** The console's byte channel: its own WebSocket per terminal, the session token in a subprotocol as on /api/ws. */
export function wsByteChannel(sessionId: string, h: ByteChannelHandlers, since?: number): Promise<ByteChannel> {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const token = currentSessionToken();
  const query = since === undefined ? '' : `?${SINCE_PARAM}=${Math.max(0, Math.floor(since))}`;
  const ws = new WebSocket(`${scheme}://${location.host}${terminalSocketPath(sessionId)}${query}`, token ? wsProtocols(token) : []);
  ws.binaryType = 'arraybuffer';
  ws.onmessage = (ev) => {
    if (ev.data instanceof ArrayBuffer) return h.data(new Uint8Array(ev.data));
    try {
      const m = parseControl(JSON.parse(String(ev.data)));
      if (m) h.control(m);
    } catch {
      // not JSON: ignore
    }
  };
  return new Promise((resolve, reject) => {
    ws.onopen = () => {
      ws.onclose = () => h.closed();
      resolve({
        // A paste goes out in frames of at most 64 KiB: the server closes a socket (1009) on a frame over its limit.
        send: (bytes) => {
          if (ws.readyState === WebSocket.OPEN) for (const frame of splitTerminalInput(bytes)) ws.send(frame);
        },
        control: (m) => ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(m)),
        close: () => ws.close(),
      });
    };
    ws.onclose = () => reject(new Error('the terminal channel did not open'));
  });
}
