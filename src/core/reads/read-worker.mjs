// The read thread from the sources (the CLI's bundle has its own
// read-worker.mjs, built from read-worker-entry.ts): a worker thread starts
// from plain JavaScript, so this loads the TypeScript entry through tsx, a
// development dependency, present wherever the sources run.
import { register } from 'tsx/esm/api';

register();
await import('./read-worker-entry.ts');
