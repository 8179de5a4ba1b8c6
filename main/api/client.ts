import { events, methods, type EventName, type EventPayload, type MethodInput, type MethodName, type MethodResult } from './contract';
import { ErrorValue, LabdeckError } from './errors';

/** A way to reach core: Electron IPC in the desktop app, a WebSocket in the browser console. */
export interface Transport {
  readonly kind: 'ipc' | 'websocket';
  invoke(method: MethodName, params: unknown): Promise<unknown>;
  /** Listens to one event; the transport asks core for it only while someone listens. */
  subscribe(event: EventName, listener: (payload: unknown) => void): () => void;
}

export type Api = {
  [M in MethodName]: (...args: Record<string, never> extends MethodInput<M> ? [params?: MethodInput<M>] : [params: MethodInput<M>]) => Promise<MethodResult<M>>;
};

export interface Client {
  api: Api;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  transport: Transport;
}

function unwrap(method: MethodName, raw: unknown): unknown {
  const outcome = raw as { ok?: boolean; result?: unknown; error?: unknown };
  if (outcome && outcome.ok === true) return methods[method].output.parse(outcome.result);
  const error = ErrorValue.safeParse(outcome?.error);
  if (error.success) throw LabdeckError.fromValue(error.data);
  throw new LabdeckError('INTERNAL', `${method}: malformed reply from core`);
}

/** The typed client both transports share: results and events are parsed by their schemas on arrival too. */
export function createClient(transport: Transport): Client {
  const api = {} as Record<MethodName, (params?: unknown) => Promise<unknown>>;
  for (const name of Object.keys(methods) as MethodName[]) {
    api[name] = async (params?: unknown) => unwrap(name, await transport.invoke(name, params ?? {}));
  }
  return {
    api: api as unknown as Api,
    transport,
    on(event, listener) {
      return transport.subscribe(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
  };
}
