import type { ApiEventName, ApiEvents } from '../shared/api';

export type EventListener = <E extends ApiEventName>(event: E, payload: ApiEvents[E]) => void;

export interface EventBus {
  emit<E extends ApiEventName>(event: E, payload: ApiEvents[E]): void;
  /** Every event, for transports that forward them all; returns an unsubscribe. */
  subscribe(listener: EventListener): () => void;
  readonly size: number;
}

/** The events the UI subscribes to, emitted by the core and forwarded by each transport. */
export function createEventBus(onError?: (error: unknown) => void): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) {
        try {
          listener(event, payload);
        } catch (error) {
          onError?.(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    get size() {
      return listeners.size;
    },
  };
}
