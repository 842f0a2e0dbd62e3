// Runs WAL checkpoints on its own thread and connection, so copying the WAL
// back into the database never stalls the capture path. Plain JavaScript: a
// worker thread loads it directly, under tsx, vitest or Electron alike.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { file, nativeBinding, intervalMs, restartAboveFrames } = workerData;
const db = new Database(file, nativeBinding ? { nativeBinding } : {});
db.pragma('busy_timeout = 100');
let timer;
let stopped = false;

function tick() {
  if (stopped) return;
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    // Under steady writes a passive checkpoint never sees an idle moment, and the
    // WAL would grow without bound: past a size, make the next writer wrap it.
    if (passive && passive.log > restartAboveFrames) {
      const [restart] = db.pragma('wal_checkpoint(RESTART)');
      parentPort.postMessage({ kind: 'restart', ...restart });
    }
  } catch (error) {
    parentPort.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
  timer = setTimeout(tick, intervalMs);
}

parentPort.on('message', (message) => {
  if (message === 'stop') {
    stopped = true;
    clearTimeout(timer);
    db.close();
    parentPort.postMessage({ kind: 'stopped' });
  }
});

tick();
