import { afterEach, describe, expect, it, vi } from 'vitest';
import { TERMINAL_INPUT_FRAME_BYTES } from '../../../main/api/terminal-wire';
import { wsByteChannel } from './ws-byte-channel';

/** The page's WebSocket, as far as the channel uses it: records each frame it is asked to send. */
class RecordingSocket {
  static readonly OPEN = 1;
  static last: RecordingSocket | undefined;
  readonly frames: Uint8Array[] = [];
  readyState = 0;
  binaryType = 'blob';
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    RecordingSocket.last = this;
    queueMicrotask(() => {
      this.readyState = 1;
      this.onopen?.();
    });
  }
  send(data: Uint8Array | string): void {
    if (typeof data !== 'string') this.frames.push(data);
  }
  close(): void {}
}

afterEach(() => vi.unstubAllGlobals());

describe('the console terminal channel', () => {
  it('sends a 1.5 MiB paste as frames of at most 64 KiB that join back to the paste', async () => {
    vi.stubGlobal('WebSocket', RecordingSocket);
    vi.stubGlobal('location', { protocol: 'http:', host: '127.0.0.1:4242' });
    const channel = await wsByteChannel('term-abc', { data: () => undefined, control: () => undefined, closed: () => undefined });
    const paste = new Uint8Array(1.5 * 1024 * 1024).map((_, i) => 32 + (i % 95));
    channel.send(paste);
    channel.send(new TextEncoder().encode('ls\r'));
    const socket = RecordingSocket.last!;
    expect(socket.url).toBe('ws://127.0.0.1:4242/api/term/term-abc');
    expect(socket.frames.length).toBe(25);
    expect(Math.max(...socket.frames.map((f) => f.length))).toBe(TERMINAL_INPUT_FRAME_BYTES);
    const joined = Buffer.concat(socket.frames.slice(0, -1));
    expect(joined.equals(Buffer.from(paste))).toBe(true);
    expect(new TextDecoder().decode(socket.frames.at(-1))).toBe('ls\r');
  });
});
