import { toErrorPayload } from '../../shared/errors';
import type { SenderEvent, SenderListener } from './types';

/** The engine's listeners: each event goes to each; a listener's failure is its own and the engine keeps going. */
export class EngineEvents {
  private readonly listeners = new Set<SenderListener>();

  on(listener: SenderListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SenderEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own.
      }
    }
  }

  error(error: unknown): void {
    this.emit({ type: 'engine-error', error: toErrorPayload(error) });
  }
}
