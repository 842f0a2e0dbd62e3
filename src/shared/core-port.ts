/**
 * The messages on the MessagePort between the window and the core process
 * (desktop app), and the core's state as the window is told it. Replies and
 * events cross as JSON text, exactly what HTTP and the WebSocket carry in
 * browser mode, so the page gets the same values on every transport.
 */

/** Window -> core: one API call. */
export interface PortCall {
  kind: 'call';
  id: number;
  method: string;
  args: unknown;
}

/** Core -> window: a call's reply (`{ok, result}` or `{ok: false, error}` as JSON text), or an event (`{event, payload}`). */
export type PortMessage = { kind: 'reply'; id: number; text: string } | { kind: 'event'; text: string };

/**
 * starting: the core process is starting. running: it answers. crashed: it
 * exited unasked (every acknowledged capture is in the database; restart
 * brings it back). stopped: the app is quitting.
 */
export type CoreState = 'starting' | 'running' | 'crashed' | 'stopped';

export interface CoreStatus {
  state: CoreState;
  /** Why it crashed (exit code or signal), in words. */
  message?: string;
}

export function isPortCall(value: unknown): value is PortCall {
  const m = value as PortCall | null;
  return typeof m === 'object' && m !== null && m.kind === 'call' && Number.isSafeInteger(m.id);
}
