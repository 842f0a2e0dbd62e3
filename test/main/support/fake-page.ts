import type { ApiEventMessage } from '../../../src/shared/api';
import type { CoreStatus } from '../../../src/shared/core-port';
import { CORE_PORT_CHANNEL } from '../../../src/preload/channels';
import { createCoreConnection, type RendererIpc } from '../../../src/preload/bridge';
import type { FakeElectron, FakeFrame, FakeWebContents } from './fake-electron';

/**
 * A page in the window as the preload runs it: the real preload connection
 * (createCoreConnection), with an ipcRenderer that reaches the fake
 * ipcMain from the given frame, and the ports the main process posts to
 * that window's webContents.
 */
export function connectPage(
  fake: FakeElectron,
  contents: FakeWebContents,
  frame: FakeFrame | null = contents.mainFrame,
) {
  const from = { sender: contents, senderFrame: frame };
  const ipc: RendererIpc = {
    send: (channel, ...args) => fake.ipcMain.send(channel, from, ...args),
    invoke: (channel, ...args) => fake.ipcMain.invoke(channel, from, ...args),
    on(channel, listener) {
      if (channel === CORE_PORT_CHANNEL)
        contents.on('port', (ch: string, ports: unknown[]) => ch === channel && listener({ ports }));
      else contents.on('sent', (ch: string, ...args: unknown[]) => ch === channel && listener({}, ...args));
    },
  };
  const connection = createCoreConnection(ipc);
  const events: ApiEventMessage[] = [];
  const statuses: CoreStatus[] = [];
  connection.onEvent((m) => events.push(m));
  connection.onStatus((s) => statuses.push(s));
  return {
    connection,
    events,
    statuses,
    /** An API call; the reply parsed. */
    call: (method: string, args: unknown = {}) =>
      connection.call(method, args) as Promise<{
        ok: boolean;
        result?: Record<string, unknown> & unknown;
        error?: { code: string; message: string };
      }>,
  };
}
