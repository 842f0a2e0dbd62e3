import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { CoreStatus } from '../shared/core-port';
import { toErrorPayload, type ApiReply } from '../shared/errors';
import { CORE_PORT_REQUEST_CHANNEL, CORE_RESTART_CHANNEL, CORE_STATUS_CHANNEL } from '../preload/channels';
import type { PortTarget } from './core-host';

type SenderEvent = Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>;

export interface CoreIpcOptions {
  isTrusted(event: SenderEvent): boolean;
  /** Gives the window a MessagePort to the core. */
  connect(target: PortTarget): void;
  /** Restarts a crashed core. */
  restart(): Promise<unknown>;
  onRefused?(event: SenderEvent, what: string): void;
}

const text = (reply: ApiReply) => JSON.stringify(reply);

/**
 * The two IPC messages a window may send the main process: a request for a
 * port to the core, and a restart of a crashed core. Every sender is checked
 * first (the app's window, its top frame, on hookscope://app/); a foreign one
 * gets no port and restarts nothing. API calls themselves go over the port.
 */
export function registerCoreIpc(
  ipcMain: Pick<IpcMain, 'on' | 'handle' | 'removeHandler' | 'removeListener'>,
  options: CoreIpcOptions,
): () => void {
  const onPortRequest = (event: IpcMainEvent) => {
    if (!options.isTrusted(event)) return options.onRefused?.(event, 'a port to the core');
    options.connect(event.sender);
  };
  ipcMain.on(CORE_PORT_REQUEST_CHANNEL, onPortRequest);
  ipcMain.handle(CORE_RESTART_CHANNEL, async (event) => {
    if (!options.isTrusted(event)) {
      options.onRefused?.(event, 'a restart of the core');
      return text({
        ok: false,
        error: { code: 'FORBIDDEN_ORIGIN', message: 'IPC refused: the message did not come from the Hookscope window' },
      });
    }
    try {
      return text({ ok: true, result: await options.restart() });
    } catch (error) {
      return text({ ok: false, error: toErrorPayload(error) });
    }
  });
  return () => {
    ipcMain.removeListener(CORE_PORT_REQUEST_CHANNEL, onPortRequest);
    ipcMain.removeHandler(CORE_RESTART_CHANNEL);
  };
}

/** The core's status goes to the window as JSON text on `hookscope:core-status`. */
export function sendCoreStatus(
  target: Pick<WebContents, 'send' | 'isDestroyed'> | undefined,
  status: CoreStatus,
): void {
  if (!target || target.isDestroyed()) return;
  target.send(CORE_STATUS_CHANNEL, JSON.stringify(status));
}
