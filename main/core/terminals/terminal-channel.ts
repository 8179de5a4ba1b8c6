import { TerminalClientControl } from '../../api/terminal-wire';
import type { TerminalSession, TerminalSink } from './terminal-session';

/** What a bridge (WebSocket or IPC) gets when it attaches to a session: one way in, one way to leave. */
export interface TerminalChannel {
  /** Keystrokes and pasted text, as bytes. */
  input(data: Buffer): void;
  /** A control message from the renderer (resize, ack); a malformed one is ignored and reported false. */
  control(message: unknown): boolean;
  /** The channel went away: the session ends (a reconnecting renderer opens a new exec). */
  detach(): void;
}

/** Joins a bridge's channel to a session, parsing every control message by its schema. */
export function openChannel(session: TerminalSession, sink: TerminalSink): TerminalChannel {
  const detach = session.attach(sink);
  return {
    input: (data) => session.input(data),
    control: (message) => {
      const parsed = TerminalClientControl.safeParse(message);
      if (!parsed.success) return false;
      const m = parsed.data;
      if (m.type === 'ack') session.ack(m.bytes);
      else void session.resize(m.cols, m.rows).catch(() => undefined);
      return true;
    },
    detach: () => {
      detach();
      session.close();
    },
  };
}
