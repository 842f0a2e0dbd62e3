// Type-checks each layer with its own tsconfig, so that a forbidden import
// (Node or Electron in renderer/ or src/shared, Electron in src/core) fails.
// The layers are checked side by side, as many at once as the machine has cores.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { runLanes } from './lanes.mjs';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');

// Longest first, so that the last lane to finish is not the one that started the biggest pass last.
export const LAYERS = [
  'tsconfig.test.json',
  'tsconfig.electron.json',
  'tsconfig.web.json',
  'tsconfig.node.json',
  'tsconfig.shared.json',
].filter((config) => existsSync(config));

export const typecheckJobs = () =>
  LAYERS.map((config) => ({
    name: `typecheck: ${config}`,
    command: process.execPath,
    args: [tsc, '-p', config, '--noEmit', '--pretty'],
  }));

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exit((await runLanes(typecheckJobs())) ? 1 : 0);
