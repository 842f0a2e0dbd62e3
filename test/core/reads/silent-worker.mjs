// A read thread that starts and then answers nothing: a read sent to it stays
// in flight until the test ends the thread (read-pool.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => undefined);
parentPort.postMessage({ kind: 'ready' });
