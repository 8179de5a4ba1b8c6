import { TerminalClientControl } from '../../api/terminal-wire';
import type { TerminalSession, TerminalSink } from './terminal-session';

/** What a bridge (WebSocket or IPC) gets when it attaches to a session: one way in, one way to leave. */
export interface TerminalChannel {
  /** Keystrokes and pasted text, as bytes. */
  input(data: Buffer): void;
  /** A control message from the renderer (resize, ack); a malformed one is ignored and reported false. */
  control(message: unknown): boolean;
  /** The channel went away: the session stays for the service's grace period, for the page to come back. */
  detach(): void;
}

/** Joins a bridge's channel to a session, parsing every control message by its schema. */
export function openChannel(session: TerminalSession, sink: TerminalSink, opts: { since?: number } = {}): TerminalChannel {
  // once another channel has taken the session, keystrokes and sizes still in flight here are dropped
  let live = true;
  const detach = session.attach({ ...sink, replaced: () => ((live = false), sink.replaced?.()) }, opts);
  return {
    input: (data) => {
      if (live) session.input(data);
    },
    control: (message) => {
      if (!live) return true;
      const parsed = TerminalClientControl.safeParse(message);
      if (!parsed.success) return false;
      const m = parsed.data;
      if (m.type === 'ack') session.ack(m.bytes);
      else if (m.type === 'close') session.close();
      else void session.resize(m.cols, m.rows).catch(() => undefined);
      return true;
    },
    detach,
  };
}
