// A write that must commit (a capture batch) begins IMMEDIATE and waits out
// another connection's write lock (the checkpointer's RESTART, `hookscope
// import` beside serve) on the busy timeout. The background's batches stay
// deferred: one that reads before it writes fails at once while the lock is
// held, and the background does it on a later tick (docs/architecture.md).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { captureRow as row } from '../../helpers/capture-row';
import { tempDir } from '../../helpers/temp-dir';

/** Another connection to `file`, on its own thread, holding the write lock for `ms` once it says 'locked'. */
const HOLDER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.exec('BEGIN IMMEDIATE');
db.prepare("UPDATE analysis_state SET analyzed_upto = analyzed_upto WHERE id = 1").run();
parentPort.postMessage('locked');
Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, workerData.ms);
db.exec('COMMIT');
db.close();
parentPort.postMessage('released');
`;

function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const worker = new Worker(HOLDER, {
    eval: true,
    workerData: { file, ms, module: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () =>
      resolve({ released: new Promise((done) => worker.once('message', () => done(void worker.terminate()))) }),
    );
  });
}

let app: App;
let dir: { path: string; remove(): void };

beforeEach(() => {
  dir = tempDir();
  app = createApp({ dataDir: dir.path });
});
afterEach(async () => {
  await app.close();
  dir.remove();
});

describe('write transactions and another connection holding the write lock', () => {
  const file = () => join(dir.path, 'hookscope.db');

  it('a capture batch waits the lock out and commits', async () => {
    const holder = await holdWriteLock(file(), 300);
    const started = performance.now();
    const [id] = app.captures.insertMany([row('/hooks/a', '{"n":1}')]);
    expect(performance.now() - started).toBeGreaterThan(200); // it waited for the other connection
    expect(app.captures.get(id).path).toBe('/hooks/a');
    await holder.released;
  });

  it('indexing, which reads before it writes, gives up at once instead of holding the thread, and is done later', async () => {
    const ids = app.captures.insertMany([row('/hooks/a', '{"type":"invoice.paid"}'), row('/hooks/b', '{"n":2}')]);
    const holder = await holdWriteLock(file(), 300);
    // Waiting would have succeeded once the 300 ms were over; it throws instead (busyIsLater in app.ts makes it 0).
    expect(() => app.search.indexPending(10)).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
    expect(app.search.indexedUpto()).toBe(0);
    await holder.released;
    expect(app.search.indexPending(10)).toBe(2);
    expect(app.search.indexedUpto()).toBe(ids[1]);
    expect(app.search.search('invoice')).toEqual([ids[0]]);
  });
});
