import type { ApiEventMessage, ApiEventName, ApiEvents } from '../../src/shared/api';
import { pageToken } from './transport';
import { useAccess } from './shell/access';
import { doublingBackoff } from '../../src/shared/backoff';

/** Present in the desktop window (from the preload): core events pushed over IPC. */
declare global {
  interface Window {
    hookscopeEvents?: { subscribe(listener: (message: ApiEventMessage) => void): () => void };
  }
}

export type ConnectionState = 'connecting' | 'live' | 'offline';

/** An event message whose payload type follows its name (a `switch` on `event` narrows it). */
export type EventMessage = { [E in ApiEventName]: { event: E; payload: ApiEvents[E] } }[ApiEventName];
type Listener = (message: EventMessage) => void;
type StateListener = (state: ConnectionState) => void;

/** The events this page handles, and whether each one's payload is a list (else one object). */
const EVENT_SHAPES: ReadonlyMap<string, 'list' | 'object'> = new Map<ApiEventName, 'list' | 'object'>([
  ['captures.added', 'list'],
  ['captures.updated', 'list'],
  ['captures.deleted', 'list'],
  ['endpoints.changed', 'list'],
  ['deliveries.event', 'object'],
  ['replays.added', 'list'],
  ['tunnel.status', 'object'],
]);
const listeners = new Set<Listener>();
const stateListeners = new Set<StateListener>();
let state: ConnectionState = 'connecting';
let stopSource: (() => void) | undefined;

function setState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const l of stateListeners) l(next);
}

function dispatch(message: ApiEventMessage): void {
  for (const l of listeners) l(message as EventMessage);
}

/** Accepts only messages of the contract's shape; anything else is dropped. */
export function parseEventMessage(text: string): ApiEventMessage | undefined {
  try {
    const value = JSON.parse(text) as { event?: unknown; payload?: unknown };
    const shape = typeof value.event === 'string' ? EVENT_SHAPES.get(value.event) : undefined;
    const isObject = typeof value.payload === 'object' && value.payload !== null && !Array.isArray(value.payload);
    if (!shape || (shape === 'list' ? !Array.isArray(value.payload) : !isObject)) return undefined;
    return value as ApiEventMessage;
  } catch {
    return undefined;
  }
}

const socketBackoff = doublingBackoff(250, 5000);

/** Browser mode: a WebSocket to /api/events, reconnecting with backoff (250 ms doubling to 5 s). */
function openSocket(): () => void {
  let socket: WebSocket | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let stopped = false;
  const connect = () => {
    setState(failures === 0 ? 'connecting' : 'offline');
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`;
    // A browser WebSocket cannot set headers: the token is offered as a subprotocol, never put in the URL.
    socket = new WebSocket(url, ['hookscope.events', `hookscope.token.${pageToken()}`]);
    socket.onopen = () => {
      failures = 0;
      if (useAccess.getState().problem === 'unreachable') useAccess.getState().clear();
      setState('live');
    };
    socket.onmessage = (e) => {
      const message = typeof e.data === 'string' ? parseEventMessage(e.data) : undefined;
      if (message) dispatch(message);
    };
    socket.onclose = () => {
      if (stopped) return;
      // A refused token is not cured by retrying: the page says what to open instead.
      const problem = useAccess.getState().problem;
      if (problem === 'stale' || problem === 'missing') {
        setState('offline');
        return;
      }
      failures += 1;
      setState('offline');
      timer = setTimeout(connect, socketBackoff(failures));
    };
  };
  connect();
  return () => {
    stopped = true;
    clearTimeout(timer);
    socket?.close();
  };
}

function ensureSource(): void {
  if (stopSource) return;
  const bridge = window.hookscopeEvents;
  if (bridge) {
    stopSource = bridge.subscribe(dispatch);
    setState('live');
  } else {
    stopSource = openSocket();
  }
}

function maybeStop(): void {
  if (listeners.size > 0 || stateListeners.size > 0 || !stopSource) return;
  stopSource();
  stopSource = undefined;
  state = 'connecting';
}

/** Subscribes to core events over whichever transport this page was given; returns an unsubscribe. */
export function subscribe(listener: Listener): () => void {
  listeners.add(listener);
  ensureSource();
  return () => {
    listeners.delete(listener);
    maybeStop();
  };
}

/** Follows the event connection; `live` again after `offline` means events may have been missed. */
export function onConnectionState(listener: StateListener): () => void {
  stateListeners.add(listener);
  ensureSource();
  listener(state);
  return () => {
    stateListeners.delete(listener);
    maybeStop();
  };
}

/**
 * Calls `listener` each time the event connection comes up after a time without one: the first connect in a
 * browser (what loaded before the socket opened may have changed meanwhile) and every reconnect. Whatever
 * the caller loaded may be behind then; it loads again.
 */
export function onEventsResumed(listener: () => void): () => void {
  let down = false;
  return onConnectionState((state) => {
    if (state !== 'live') down = true;
    else if (down) {
      down = false;
      listener();
    }
  });
}
