// Type-checks each layer with its own tsconfig, so that a forbidden import
// (Node or Electron in renderer/ or src/shared, Electron in src/core) fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const tsc = require.resolve('typescript/bin/tsc');
const layers = ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.electron.json', 'tsconfig.test.json'];
let failed = 0;
for (const config of layers) {
  if (!existsSync(config)) continue;
  const started = Date.now();
  const run = spawnSync(process.execPath, [tsc, '-p', config, '--noEmit'], { stdio: 'inherit' });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status !== 0) {
    failed++;
    console.error(`typecheck: ${config} failed (${secs}s)`);
  } else {
    console.log(`typecheck: ${config} ok (${secs}s)`);
  }
}
process.exit(failed ? 1 : 0);
