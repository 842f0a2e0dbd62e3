import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { isAppUrl } from './app-protocol';

/**
 * An IPC message is trusted only when it comes from the app's own window, from
 * its top frame (no iframe, no other webContents), showing hookscope://app/.
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent | IpcMainEvent, 'sender' | 'senderFrame'>,
  windowContentsId: number | undefined,
): boolean {
  if (windowContentsId === undefined || event.sender?.id !== windowContentsId) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppUrl(frame.url);
}
