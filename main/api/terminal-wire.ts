import { z } from 'zod';

/**
 * A terminal's byte channel (the WebSocket `/api/term/<sessionId>`, or the IPC terminal channels):
 * output and keystrokes travel as raw bytes (binary frames), never as per-character JSON. Control
 * messages are small JSON text frames.
 *
 * Flow control, as in VS Code's terminal: the renderer acks the bytes it has written to xterm;
 * core pauses the exec stream while more than HIGH_WATERMARK bytes are unacked, and resumes below
 * LOW_WATERMARK, so `cat` of a huge file neither freezes the UI nor grows memory without bound.
 */
export const FLOW = {
  HIGH_WATERMARK: 4 * 1024 * 1024,
  LOW_WATERMARK: 1024 * 1024,
  /** The renderer acks once at least this many bytes have been written. */
  ACK_EVERY: 256 * 1024,
} as const;

export const TerminalClientControl = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resize'), cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) }),
  z.object({ type: z.literal('ack'), bytes: z.number().int().positive().max(1 << 30) }),
  /** The user closed the terminal: end the shell now (a channel that merely drops is kept for a while). */
  z.object({ type: z.literal('close') }),
]);
export type TerminalClientControl = z.infer<typeof TerminalClientControl>;

export const TerminalServerControl = z.discriminatedUnion('type', [
  z.object({ type: z.literal('exit'), exitCode: z.number().int().nullable() }),
  z.object({ type: z.literal('error'), code: z.string(), message: z.string() }),
  /**
   * A reattach's replay was sent just before (binary): the page's output now ends at byte `to`;
   * `from` > `since` means output between them was no longer kept.
   */
  z.object({ type: z.literal('replayed'), since: z.number().int().nonnegative(), from: z.number().int().nonnegative(), to: z.number().int().nonnegative() }),
  /** Another page attached to this session; this channel is closed and must not come back. */
  z.object({ type: z.literal('taken') }),
]);
export type TerminalServerControl = z.infer<typeof TerminalServerControl>;

/** The WebSocket path of a session's byte channel. */
export const terminalSocketPath = (sessionId: string): string => `/api/term/${encodeURIComponent(sessionId)}`;
export const TERMINAL_PATH_RE = /^\/api\/term\/(term-[a-z0-9]+)$/;

/**
 * A reattach names the output offset it has (`?since=N`); absent, the channel is a first attach.
 * Anything but a plain non-negative integer is refused (null); undefined means absent.
 */
export const SINCE_PARAM = 'since';
export function parseSince(raw: string | null): number | undefined | null {
  if (raw === null) return undefined;
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/**
 * The largest keystroke frame a page sends. The server refuses a frame over its limit (1009), so
 * a big paste must not go out as one frame; 64 KiB keeps each well under it.
 */
export const TERMINAL_INPUT_FRAME_BYTES = 64 * 1024;

/** A paste cut into frames of at most TERMINAL_INPUT_FRAME_BYTES, in order, sharing its memory. */
export function splitTerminalInput(bytes: Uint8Array, max = TERMINAL_INPUT_FRAME_BYTES): Uint8Array[] {
  if (bytes.length <= max) return [bytes];
  const frames: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += max) frames.push(bytes.subarray(at, at + max));
  return frames;
}
