import type { WebSocket } from 'ws';
import type { TerminalSink } from '../core/terminals/terminal-session';
import type { TerminalServerControl } from '../api/terminal-wire';

/** Mirrors a session's output to a sink; returns the unwatch function (throws a coded error when there is no such session). */
export type TerminalWatcher = (sessionId: string, sink: TerminalSink) => () => void;

/** A watcher that reads slower than the shell writes misses frames rather than holding memory. */
const MAX_BUFFERED = 4 * 1024 * 1024;
export const WATCH_PATH_RE = /^\/api\/watch\/(term-[a-z0-9]+)$/;

/**
 * The trainer watching a seat's terminal (`/api/watch/<sessionId>`): the same binary frames as the
 * seat's own socket, read-only on the server: nothing that arrives on this socket is read, so no
 * keystroke, resize or ack can reach the shell whatever the page does.
 */
export function bridgeWatchSocket(socket: WebSocket, sessionId: string, watch: TerminalWatcher, onEnd: () => void): void {
  const sendControl = (m: TerminalServerControl): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(m));
  };
  socket.on('error', () => undefined);
  let unwatch: () => void;
  try {
    unwatch = watch(sessionId, {
      data: (chunk) => {
        if (socket.readyState === socket.OPEN && socket.bufferedAmount < MAX_BUFFERED) socket.send(chunk, { binary: true });
      },
      exit: (exitCode) => {
        sendControl({ type: 'exit', exitCode });
        socket.close(1000, 'exited');
      },
    });
  } catch (err) {
    const e = err as { code?: string; message?: string };
    sendControl({ type: 'error', code: e.code ?? 'INTERNAL', message: e.message ?? String(err) });
    socket.close(1008, 'no such terminal');
    onEnd();
    return;
  }
  socket.on('close', () => {
    unwatch();
    onEnd();
  });
}
