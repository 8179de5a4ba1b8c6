import type { WebSocket } from 'ws';
import { HubFrame, SPOKE_CLOSE, SpokeFrame } from '../api/spoke-wire';
import type { SpokeEventFrame } from '../api/spoke-wire';

/** What the socket needs of the hub (core's SpokeHub). */
export interface SpokeReceiver {
  acked(seat: string, stream: string): number;
  receive(seat: string, stream: string, e: SpokeEventFrame): { outcome: 'stored' | 'duplicate' | 'gap'; ack: number };
  connection(seat: string, delta: 1 | -1): void;
}

/** The hub's answer to one frame: a frame to send back, and whether to close (and how). */
export interface SpokeAnswer {
  reply?: HubFrame;
  close?: { code: number; reason: string };
}

/**
 * One spoke connection's conversation, apart from the socket (so the numbering is tested on its
 * own). The first frame says which stream (join) this is; the hub answers with the number it holds,
 * then acknowledges each event. A frame that is not JSON or not of the schema closes the
 * connection: a spoke that sends one is broken or hostile, and resending would not mend it.
 */
export function spokeConversation(seat: string, hub: SpokeReceiver): (text: string) => SpokeAnswer {
  let stream: string | undefined;
  const refuse = (message: string): SpokeAnswer => ({ reply: { type: 'error', code: 'BAD_REQUEST', message: message.slice(0, 500) }, close: { code: SPOKE_CLOSE.badFrame, reason: 'bad frame' } });
  return (text) => {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return refuse('a frame is not JSON');
    }
    const parsed = SpokeFrame.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return refuse(`malformed frame: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
    }
    const f = parsed.data;
    if (f.type === 'hello') {
      if (stream !== undefined && stream !== f.stream) return refuse('one connection carries one stream');
      stream = f.stream;
      return { reply: { type: 'ack', n: hub.acked(seat, stream) } };
    }
    if (stream === undefined) return refuse('say hello first');
    try {
      const r = hub.receive(seat, stream, f);
      return { reply: { type: 'ack', n: r.ack, ...(r.outcome === 'gap' ? { resend: true as const } : {}) } };
    } catch (err) {
      // the hub's store refused the write (a full disk): the spoke keeps the event and resends it later
      return { reply: { type: 'error', code: 'INTERNAL', message: (err as Error).message.slice(0, 500) }, close: { code: 1011, reason: 'store error' } };
    }
  };
}

/** A spoke's socket (`/api/spoke/<seat>`), already authenticated as that seat: the seat is the credential's, never a frame's. */
export function bridgeSpokeSocket(socket: WebSocket, seat: string, hub: SpokeReceiver): void {
  const answer = spokeConversation(seat, hub);
  hub.connection(seat, 1);
  socket.on('error', () => undefined);
  socket.on('close', () => hub.connection(seat, -1));
  socket.on('message', (data, isBinary) => {
    const a = isBinary ? answer('') : answer(String(data));
    if (a.reply && socket.readyState === socket.OPEN) socket.send(JSON.stringify(a.reply));
    if (a.close) socket.close(a.close.code, a.close.reason);
  });
}
