import type { SenderEvent } from '../../../../src/core/sender/types';

type Typed<T extends SenderEvent['type']> = Extract<SenderEvent, { type: T }>;

/** Queues a sender's events so a test can await them one by one, in order. */
export function eventQueue(on: (listener: (e: SenderEvent) => void) => () => void) {
  const seen: SenderEvent[] = [];
  const waiting: { type: SenderEvent['type']; resolve(e: SenderEvent): void }[] = [];
  const consumed = new Set<SenderEvent>();
  const off = on((e) => {
    seen.push(e);
    const i = waiting.findIndex((w) => w.type === e.type);
    if (i >= 0) {
      consumed.add(e);
      waiting.splice(i, 1)[0].resolve(e);
    }
  });
  return {
    all: seen,
    /** The next not yet consumed event of a type (already seen, or still to come). */
    next<T extends SenderEvent['type']>(type: T, timeoutMs = 20_000): Promise<Typed<T>> {
      const ready = seen.find((e) => e.type === type && !consumed.has(e));
      if (ready) {
        consumed.add(ready);
        return Promise.resolve(ready as Typed<T>);
      }
      return new Promise<Typed<T>>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${type} event within ${timeoutMs} ms`)), timeoutMs);
        waiting.push({
          type,
          resolve: (e) => {
            clearTimeout(timer);
            resolve(e as Typed<T>);
          },
        });
      });
    },
    off,
  };
}
