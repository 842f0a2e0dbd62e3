// The read thread's entry: bundled as read-worker.mjs beside the CLI's bundle
// (scripts/build-cli.mjs); from the sources, read-worker.mjs loads it through tsx.
import { parentPort, workerData } from 'node:worker_threads';
import type { ReadThreadData } from './read-protocol';
import { serveReads } from './read-thread';

if (parentPort) serveReads(parentPort, workerData as ReadThreadData);
