import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppOptions } from '../../src/core/app';
import { tempDir } from './temp-dir';

export interface RunningCapture {
  app: App;
  port: number;
  url: string;
  dataDir: string;
  close(): Promise<void>;
}

/** A real app on a real SQLite file, its capture server on 127.0.0.1 port 0. */
export async function startCaptureApp(options: Partial<AppOptions> = {}): Promise<RunningCapture> {
  const dir = tempDir();
  const app = createApp({ dataDir: dir.path, ...options });
  const address: AddressInfo = await app.startCapture(0, '127.0.0.1');
  return {
    app,
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    dataDir: dir.path,
    async close() {
      await app.close();
      dir.remove();
    },
  };
}
