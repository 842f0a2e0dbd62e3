import type { ApiEventMessage } from '../shared/api';
import type { ErrorPayload } from '../shared/errors';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';

/** The part of ipcRenderer the bridge uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

/**
 * Replies and events cross IPC as JSON text, exactly what HTTP and the
 * WebSocket carry in browser mode, so the page gets the same values on both.
 */
function parseReply(text: unknown): Reply {
  if (typeof text !== 'string') return { ok: false, error: { code: 'INTERNAL', message: 'the main process sent a reply that is not JSON text' } };
  try {
    return JSON.parse(text) as Reply;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'the main process sent a reply that is not JSON' } };
  }
}

/** One function per API method: `hookscope[method](args)` resolves to `{ok, result}` or `{ok: false, error}`. */
export function createApiBridge(ipc: RendererIpc, methods: readonly string[]): Readonly<Record<string, (args?: unknown) => Promise<Reply>>> {
  const api: Record<string, (args?: unknown) => Promise<Reply>> = {};
  for (const method of methods) {
    api[method] = (args?: unknown) => ipc.invoke(CALL_CHANNEL, method, args ?? {}).then(parseReply, (error: Error) => ({
      ok: false as const,
      error: { code: 'INTERNAL' as const, message: `the call did not reach the main process: ${error.message}` },
    }));
  }
  return Object.freeze(api);
}

/**
 * `hookscopeEvents.subscribe(listener)` gets every core event as
 * `{event, payload}` and returns its unsubscribe. The listener never sees
 * Electron's event object (which would hand the page ipcRenderer itself).
 */
export function createEventBridge(ipc: RendererIpc) {
  return Object.freeze({
    subscribe(listener: (message: ApiEventMessage) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe takes a function');
      const onMessage = (_event: unknown, text: unknown) => {
        if (typeof text !== 'string') return;
        let message: { event?: unknown; payload?: unknown };
        try {
          message = JSON.parse(text) as typeof message;
        } catch {
          return;
        }
        if (typeof message.event === 'string' && 'payload' in message) listener(message as ApiEventMessage);
      };
      ipc.on(EVENT_CHANNEL, onMessage);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, onMessage);
      };
    },
  });
}
