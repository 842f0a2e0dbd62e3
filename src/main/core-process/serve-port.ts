import type { EventBus } from '../../core/events';
import { isPortCall, type PortMessage } from '../../shared/core-port';
import { toErrorPayload } from '../../shared/errors';

/** The part of a MessagePort (Electron's MessagePortMain) the core uses. */
export interface PortLike {
  on(event: 'message', listener: (message: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

function json(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch (error) {
    return JSON.stringify({ ok: false, error: toErrorPayload(error) });
  }
}

/**
 * Answers a window's API calls on its port (validated by `call`, i.e.
 * callApi, as over HTTP and IPC) and sends it every core event. Returns a
 * function that stops both.
 */
export function servePort(
  port: PortLike,
  call: (method: string, args: unknown) => Promise<unknown>,
  events: EventBus,
): () => void {
  const send = (message: PortMessage) => {
    try {
      port.postMessage(message);
    } catch {
      // The window went away; its 'close' ends this service.
    }
  };
  port.on('message', ({ data }) => {
    if (!isPortCall(data)) return;
    if (typeof data.method !== 'string') {
      send({
        kind: 'reply',
        id: data.id,
        text: json({ ok: false, error: { code: 'BAD_INPUT', message: 'the method name must be a string' } }),
      });
      return;
    }
    call(data.method, data.args).then(
      (result) => send({ kind: 'reply', id: data.id, text: json({ ok: true, result }) }),
      (error) => send({ kind: 'reply', id: data.id, text: json({ ok: false, error: toErrorPayload(error) }) }),
    );
  });
  const unsubscribe = events.subscribe((event, payload) => send({ kind: 'event', text: json({ event, payload }) }));
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
  };
  port.on('close', stop);
  port.start();
  return () => {
    stop();
    port.close();
  };
}
