import type { EventName, EventPayload } from '../../api/contract';
import type { EventListener, EventSource } from '../../api/handlers';

/** Core's events, fanned out to every bridge that subscribed. A throwing listener does not stop the others. */
export class EventBus implements EventSource {
  private readonly listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // a broken subscriber must not break core
      }
    }
  }
}
