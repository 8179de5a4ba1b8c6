import type { TerminalClientControl } from '../../../main/api/terminal-wire';
import { parseControl, type ByteChannel, type ByteChannelHandlers } from './byte-channel';

/** What the preload exposes on `window.labdeck.terminal` (see preload/index.ts). */
export interface TerminalBridge {
  attach(sessionId: string, since?: number): Promise<{ ok: boolean; error?: { message: string } }>;
  input(sessionId: string, bytes: Uint8Array): void;
  control(sessionId: string, message: TerminalClientControl): void;
  detach(sessionId: string): void;
  /** Output, control messages and the end of a session, for every session of this window. */
  listen(listener: (sessionId: string, kind: 'data' | 'control' | 'closed', payload: unknown) => void): () => void;
}

/** The desktop app's byte channel: Electron IPC, bytes as Uint8Array (structured clone, no JSON). */
export async function ipcByteChannel(bridge: TerminalBridge, sessionId: string, h: ByteChannelHandlers, since?: number): Promise<ByteChannel> {
  const stop = bridge.listen((id, kind, payload) => {
    if (id !== sessionId) return;
    if (kind === 'data' && payload instanceof Uint8Array) h.data(payload);
    else if (kind === 'control') {
      const m = parseControl(payload);
      if (m) h.control(m);
    } else if (kind === 'closed') {
      stop();
      h.closed();
    }
  });
  const attached = await bridge.attach(sessionId, since);
  if (!attached.ok) {
    stop();
    throw new Error(attached.error?.message ?? 'the terminal channel did not open');
  }
  return {
    send: (bytes) => bridge.input(sessionId, bytes),
    control: (m) => bridge.control(sessionId, m),
    close: () => bridge.detach(sessionId),
  };
}
