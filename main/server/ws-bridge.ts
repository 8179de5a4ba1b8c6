import type { WebSocket } from 'ws';
import { checkEvent, dispatch } from '../api/dispatcher';
import type { EventSource, Handlers } from '../api/handlers';
import { ClientMessage, type ServerMessage } from '../api/wire';
import type { EventFilter } from './role-access';

/** The contract over one WebSocket: calls are dispatched, subscribed events are forwarded. */
export function bridgeSocket(socket: WebSocket, handlers: Handlers, source: EventSource, allow: EventFilter = async (_e, p) => p): void {
  const subscribed = new Set<string>();
  const send = (msg: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
  };
  // The role's filter may look a run up; chaining keeps events in the order core emitted them.
  let forwarding: Promise<void> = Promise.resolve();
  const unsubscribe = source.subscribe((event, payload) => {
    if (!subscribed.has(event)) return;
    const checked = checkEvent(event, payload);
    if (!checked) return;
    forwarding = forwarding
      .then(() => allow(checked.event, checked.payload))
      .then((shown) => {
        if (shown !== null) send({ type: 'event', event: checked.event, payload: shown });
      })
      .catch(() => undefined);
  });
  // Log streams this socket started end with it (a closed tab does not leave them following).
  const logStreams = new Set<string>();
  // ws has already closed this socket with the frame's code (1007 bad UTF-8, 1009 too big) when it
  // emits 'error'; without a listener that event would end the whole server.
  socket.on('error', () => undefined);
  socket.on('close', () => {
    unsubscribe();
    for (const streamId of logStreams) void dispatch(handlers, 'logs.stop', { streamId });
  });
  socket.on('message', async (data) => {
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      send({ type: 'result', id: -1, ok: false, error: { code: 'BAD_REQUEST', message: 'message is not JSON' } });
      return;
    }
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
      send({ type: 'result', id, ok: false, error: { code: 'BAD_REQUEST', message: `malformed message: ${parsed.error.issues[0]?.message ?? ''}` } });
      return;
    }
    const msg = parsed.data;
    if (msg.type === 'subscribe') msg.events.forEach((e) => subscribed.add(e));
    else if (msg.type === 'unsubscribe') msg.events.forEach((e) => subscribed.delete(e));
    else {
      const outcome = await dispatch(handlers, msg.method, msg.params);
      if (outcome.ok && msg.method === 'logs.follow') logStreams.add((outcome.result as { streamId: string }).streamId);
      send({ type: 'result', id: msg.id, ...outcome } as ServerMessage);
    }
  });
}
