import { startServeProcess, type ServeProcess } from '../../helpers/serve-process';
import { tempDir } from '../../helpers/temp-dir';

export interface Served {
  serve: ServeProcess;
  dataDir: string;
  /** The capture server's base URL, ending in '/'. */
  captureUrl: string;
  uiUrl: string;
  stop(): Promise<void>;
}

/** A real `hookscope serve` on free ports over a fresh data folder (or one prepared by `prepare`). */
export async function startServed(prepare?: (dataDir: string) => void | Promise<void>): Promise<Served> {
  const dir = tempDir('hookscope-e2e-');
  await prepare?.(dir.path);
  const serve = await startServeProcess(dir.path);
  const captureUrl = serve.info.captureUrl.endsWith('/') ? serve.info.captureUrl : `${serve.info.captureUrl}/`;
  return {
    serve,
    dataDir: dir.path,
    captureUrl,
    uiUrl: serve.info.uiUrl,
    async stop() {
      if (serve.child.exitCode === null && serve.child.signalCode === null) {
        serve.child.kill('SIGTERM');
        await serve.exited;
      }
      dir.remove();
    },
  };
}
