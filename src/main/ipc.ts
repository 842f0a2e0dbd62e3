import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { toErrorPayload, type ErrorPayload } from '../shared/errors';
import type { EventBus } from '../core/events';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../preload/channels';

export interface ApiIpcOptions {
  /** Validates the method and its arguments against the contract, then runs it (callApi). */
  call(method: string, args: unknown): Promise<unknown>;
  isTrusted(event: IpcMainInvokeEvent): boolean;
  onRefused?(event: IpcMainInvokeEvent, method: unknown): void;
}

type Reply = { ok: true; result: unknown } | { ok: false; error: ErrorPayload };

/** The reply as JSON text: the window gets exactly what HTTP gives a browser-mode page. */
function text(reply: Reply): string {
  try {
    return JSON.stringify(reply);
  } catch (error) {
    return JSON.stringify({ ok: false, error: toErrorPayload(error) });
  }
}

/**
 * `hookscope:call` (method, args): every message's sender is checked first; a
 * foreign one is refused without running anything.
 */
export function registerApiIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, options: ApiIpcOptions): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, args: unknown) => {
    if (!options.isTrusted(event)) {
      options.onRefused?.(event, method);
      return text({ ok: false, error: { code: 'FORBIDDEN_ORIGIN', message: 'IPC refused: the message did not come from the Hookscope window' } });
    }
    if (typeof method !== 'string') return text({ ok: false, error: { code: 'BAD_INPUT', message: 'the method name must be a string' } });
    try {
      return text({ ok: true, result: await options.call(method, args) });
    } catch (error) {
      return text({ ok: false, error: toErrorPayload(error) });
    }
  });
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

/** Every core event goes to the window as `{event, payload}` JSON text on `hookscope:event`. */
export function forwardEvents(events: EventBus, target: () => Pick<WebContents, 'send' | 'isDestroyed'> | undefined): () => void {
  return events.subscribe((event, payload) => {
    const contents = target();
    if (!contents || contents.isDestroyed()) return;
    contents.send(EVENT_CHANNEL, JSON.stringify({ event, payload }));
  });
}
