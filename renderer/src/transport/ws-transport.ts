import type { Transport } from '../../../main/api/client';
import type { EventName } from '../../../main/api/contract';
import { ServerMessage, type ClientMessage } from '../../../main/api/wire';
import { wsProtocols } from '../../../main/api/console-auth';

interface Pending {
  resolve: (v: unknown) => void;
}

/**
 * The browser console's transport: one WebSocket to /api/ws (the session token rides in a
 * subprotocol: a browser cannot set headers there), reconnecting with backoff. Calls made while disconnected wait for the connection;
 * event subscriptions are re-sent on every reconnect.
 */
export function wsTransport(url: string, onConnection?: (up: boolean) => void, token: () => string | null = () => null): Transport {
  let socket: WebSocket | null = null;
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, Pending>();
  const queue: ClientMessage[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  const send = (msg: ClientMessage): void => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(msg));
    else queue.push(msg);
  };

  const connect = (): void => {
    const t = token();
    const ws = t ? new WebSocket(url, wsProtocols(t)) : new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      onConnection?.(true);
      if (listeners.size) ws.send(JSON.stringify({ type: 'subscribe', events: [...listeners.keys()] }));
      for (const msg of queue.splice(0)) ws.send(JSON.stringify(msg));
    };
    ws.onmessage = (ev) => {
      let parsed;
      try {
        parsed = ServerMessage.safeParse(JSON.parse(String(ev.data)));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const msg = parsed.data;
      if (msg.type === 'event') {
        listeners.get(msg.event)?.forEach((l) => l(msg.payload));
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      p.resolve(msg);
    };
    ws.onclose = () => {
      onConnection?.(false);
      socket = null;
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  };
  connect();

  return {
    kind: 'websocket',
    invoke: (method, params) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, { resolve });
        send({ type: 'call', id, method, params });
      }),
    subscribe: (event: EventName, listener) => {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
        send({ type: 'subscribe', events: [event] });
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) {
          listeners.delete(event);
          send({ type: 'unsubscribe', events: [event] });
        }
      };
    },
  };
}
