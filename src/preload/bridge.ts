import type { ApiEventMessage } from '../shared/api';
import type { CoreStatus, PortCall } from '../shared/core-port';
import type { ApiReply } from '../shared/errors';
import { CORE_PORT_CHANNEL, CORE_PORT_REQUEST_CHANNEL, CORE_RESTART_CHANNEL, CORE_STATUS_CHANNEL } from './channels';

/** A window's end of the MessagePort to the core (the DOM's MessagePort). */
export interface WindowPort {
  postMessage(message: unknown): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  close(): void;
}

/** The part of ipcRenderer the bridge uses. */
export interface RendererIpc {
  send(channel: string, ...args: unknown[]): void;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * Replies and events cross as JSON text, exactly what HTTP and the WebSocket
 * carry in browser mode, so the page gets the same values on both.
 */
function parseJson<T>(text: unknown): T | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

const internal = (message: string): ApiReply => ({ ok: false, error: { code: 'INTERNAL', message } });

/**
 * The window's connection to the core process: asks the main process for a
 * port (it checks who asks), sends each call on it (calls made before it
 * arrives wait for it), and hands replies and events back. When the core
 * crashes, calls in flight fail with a reason; a restart brings a new port.
 */
export function createCoreConnection(ipc: RendererIpc) {
  let port: WindowPort | undefined;
  /** Why the core cannot answer (it crashed or stopped), until a new port arrives. */
  let down: string | undefined;
  let nextId = 1;
  const pending = new Map<number, (reply: ApiReply) => void>();
  const waiting: PortCall[] = [];
  const eventListeners = new Set<(message: ApiEventMessage) => void>();
  const statusListeners = new Set<(status: CoreStatus) => void>();

  const onPortMessage = ({ data }: { data: unknown }) => {
    const message = data as { kind?: unknown; id?: unknown; text?: unknown } | null;
    if (message?.kind === 'reply' && typeof message.id === 'number') {
      const done = pending.get(message.id);
      pending.delete(message.id);
      done?.(parseJson<ApiReply>(message.text) ?? internal('the core sent a reply that is not JSON'));
    } else if (message?.kind === 'event') {
      const event = parseJson<{ event?: unknown; payload?: unknown }>(message.text);
      if (event && typeof event.event === 'string' && 'payload' in event)
        for (const listener of eventListeners) listener(event as ApiEventMessage);
    }
  };

  ipc.on(CORE_PORT_CHANNEL, (event) => {
    const given = (event as { ports?: readonly WindowPort[] } | null)?.ports?.[0];
    if (!given) return;
    port?.close();
    port = given;
    down = undefined;
    port.onmessage = onPortMessage;
    for (const call of waiting.splice(0)) port.postMessage(call);
  });
  ipc.on(CORE_STATUS_CHANNEL, (_event, text) => {
    const status = parseJson<CoreStatus>(text);
    if (!status || typeof status.state !== 'string') return;
    if (status.state === 'crashed' || status.state === 'stopped') {
      port = undefined;
      down = status.message ?? `the core process is ${status.state}`;
      for (const call of waiting.splice(0)) pending.get(call.id)?.(internal(down));
      for (const done of pending.values()) done(internal(status.message ?? `the core process is ${status.state}`));
      pending.clear();
    }
    for (const listener of statusListeners) listener(status);
  });
  ipc.send(CORE_PORT_REQUEST_CHANNEL);

  return {
    call(method: string, args: unknown): Promise<ApiReply> {
      const id = nextId++;
      if (down) return Promise.resolve(internal(down));
      return new Promise<ApiReply>((resolve) => {
        pending.set(id, resolve);
        const call: PortCall = { kind: 'call', id, method, args };
        try {
          if (port) port.postMessage(call);
          else waiting.push(call);
        } catch (error) {
          pending.delete(id);
          resolve(internal(`the call could not be sent to the core: ${(error as Error).message}`));
        }
      });
    },
    onEvent(listener: (message: ApiEventMessage) => void): () => void {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onStatus(listener: (status: CoreStatus) => void): () => void {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    restart(): Promise<ApiReply> {
      return ipc.invoke(CORE_RESTART_CHANNEL).then(
        (text) => parseJson<ApiReply>(text) ?? internal('the main process sent a reply that is not JSON'),
        (error: Error) => internal(`the restart did not reach the main process: ${error.message}`),
      );
    },
  };
}

export type CoreConnection = ReturnType<typeof createCoreConnection>;

/** One function per API method: `hookscope[method](args)` resolves to `{ok, result}` or `{ok: false, error}`. */
export function createApiBridge(
  connection: Pick<CoreConnection, 'call'>,
  methods: readonly string[],
): Readonly<Record<string, (args?: unknown) => Promise<ApiReply>>> {
  const api: Record<string, (args?: unknown) => Promise<ApiReply>> = {};
  for (const method of methods) api[method] = (args?: unknown) => connection.call(method, args ?? {});
  return Object.freeze(api);
}

/** `hookscopeEvents.subscribe(listener)`: every core event as `{event, payload}`; returns its unsubscribe. */
export function createEventBridge(connection: Pick<CoreConnection, 'onEvent'>) {
  return Object.freeze({
    subscribe(listener: (message: ApiEventMessage) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe takes a function');
      return connection.onEvent((message) => listener(message));
    },
  });
}

/** `hookscopeCore`: the core process's status (a crash, with its reason) and a restart. */
export function createCoreBridge(connection: Pick<CoreConnection, 'onStatus' | 'restart'>) {
  return Object.freeze({
    subscribe(listener: (status: CoreStatus) => void): () => void {
      if (typeof listener !== 'function') throw new TypeError('subscribe takes a function');
      return connection.onStatus((status) => listener({ ...status }));
    },
    restart: () => connection.restart(),
  });
}
