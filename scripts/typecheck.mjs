// Type-checks each layer with its own tsconfig, so that a forbidden import
// (Node or Electron in renderer/ or src/shared, Electron in src/core) fails.
// The layers are checked side by side, as many at once as the machine has cores.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const layers = [
  'tsconfig.shared.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'tsconfig.electron.json',
  'tsconfig.test.json',
].filter((config) => existsSync(config));

function check(config) {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [tsc, '-p', config, '--noEmit', '--pretty'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => {
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      // Each layer's errors are printed together, never interleaved with another's.
      if (output) process.stdout.write(output);
      console.log(`typecheck: ${config} ${status === 0 ? 'ok' : 'failed'} (${secs}s)`);
      done(status === 0);
    });
  });
}

const queue = [...layers];
let failed = 0;
const lanes = Array.from({ length: Math.min(queue.length, Math.max(1, availableParallelism())) }, async () => {
  while (queue.length > 0) if (!(await check(queue.shift()))) failed++;
});
await Promise.all(lanes);
process.exit(failed ? 1 : 0);
