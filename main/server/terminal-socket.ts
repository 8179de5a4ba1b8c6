import type { WebSocket } from 'ws';
import type { TerminalChannel } from '../core/terminals/terminal-channel';
import type { TerminalSink } from '../core/terminals/terminal-session';
import type { TerminalServerControl } from '../api/terminal-wire';

/** Finds a session and attaches a channel to it; throws a coded error when there is none. */
export type TerminalAttacher = (sessionId: string, sink: TerminalSink, opts?: { since?: number }) => TerminalChannel;

/**
 * One terminal's bytes over its own WebSocket (`/api/term/<sessionId>`): output goes out as binary
 * frames (batched by the session), keystrokes come in as binary frames, and resize/ack/exit are
 * small JSON text frames. A socket that closes leaves the session for its reattach grace; a page
 * that comes back opens the same path with `?since=<bytes it had>` and gets only what is newer.
 */
export function bridgeTerminalSocket(socket: WebSocket, sessionId: string, attach: TerminalAttacher, opts: { since?: number } = {}): void {
  const sendControl = (m: TerminalServerControl): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  // A bad frame (invalid UTF-8, over maxPayload) is answered by ws with close 1007/1009, then
  // 'error'; the 'close' below ends this terminal only. Unheard, 'error' would end the server.
  socket.on('error', () => undefined);
  let channel: TerminalChannel;
  try {
    channel = attach(sessionId, {
      data: (chunk) => {
        if (socket.readyState === socket.OPEN) socket.send(chunk, { binary: true });
      },
      exit: (exitCode) => {
        sendControl({ type: 'exit', exitCode });
        socket.close(1000, 'exited');
      },
      replayed: ({ since, from, to }) => sendControl({ type: 'replayed', since, from, to }),
      replaced: () => {
        sendControl({ type: 'taken' });
        socket.close(4000, 'attached elsewhere');
      },
    }, opts);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    sendControl({ type: 'error', code: e.code ?? 'INTERNAL', message: e.message ?? String(err) });
    socket.close(1008, 'no such terminal');
    return;
  }
  socket.on('message', (data, isBinary) => {
    const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    if (isBinary) return channel.input(buf);
    let msg: unknown;
    try {
      msg = JSON.parse(buf.toString('utf8'));
    } catch {
      msg = null;
    }
    if (!channel.control(msg)) sendControl({ type: 'error', code: 'BAD_REQUEST', message: 'malformed terminal control message' });
  });
  socket.on('close', () => channel.detach());
}
