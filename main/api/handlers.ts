import type { EventName, EventPayload, MethodName, MethodParams, MethodResult } from './contract';

/** What core implements: one async function per contract method. */
export type Handlers = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResult<M>>;
};

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Where core publishes events; each bridge subscribes and forwards them to its clients. */
export interface EventSource {
  subscribe(listener: EventListener): () => void;
}
