import { TerminalServerControl, type TerminalClientControl } from '../../../main/api/terminal-wire';
import { preloadBridge } from '../transport/ipc-transport';
import { ipcByteChannel, type TerminalBridge } from './ipc-byte-channel';
import { wsByteChannel } from './ws-byte-channel';

export interface ByteChannelHandlers {
  data(bytes: Uint8Array): void;
  control(message: TerminalServerControl): void;
  /** The channel went away (the shell exited, or the transport dropped). */
  closed(): void;
}

/** A terminal's bytes between this page and core: binary both ways, small JSON control messages. */
export interface ByteChannel {
  send(bytes: Uint8Array): void;
  control(message: TerminalClientControl): void;
  close(): void;
}

/** Parses a control message from core; anything outside the schema is dropped. */
export function parseControl(raw: unknown): TerminalServerControl | null {
  const parsed = TerminalServerControl.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * Electron's IPC terminal channels when the preload offers them, else the console's WebSocket.
 * `since` (the output bytes this page has of the session) makes it a reattach: only newer output
 * comes, then a `replayed` control message.
 */
export function openByteChannel(sessionId: string, handlers: ByteChannelHandlers, since?: number): Promise<ByteChannel> {
  const bridge = (preloadBridge() as { terminal?: TerminalBridge } | undefined)?.terminal;
  return bridge ? ipcByteChannel(bridge, sessionId, handlers, since) : wsByteChannel(sessionId, handlers, since);
}
