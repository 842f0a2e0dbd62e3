import { runCore, type ParentPortLike } from './run-core';

// The core's utility process (Electron's utilityProcess.fork of this bundle):
// the capture server, the database, the sender and the tunnel run here, off the
// main process. Electron gives a utility process `process.parentPort`.
const parent = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (!parent) {
  process.stderr.write('hookscope core: no parentPort: this file runs only as a utility process of the desktop app\n');
  process.exit(1);
}
runCore(parent);
