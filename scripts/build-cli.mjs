// Bundles the `hookscope` CLI (src/cli/main.ts and everything it imports from
// src/) into out/cli/main.mjs, so a command starts without transpiling ~200
// TypeScript modules through tsx. Dependencies stay external (node_modules).
// bin/hookscope.mjs uses the bundle only while it is newer than every source
// file, and falls back to tsx otherwise, so an edit is never run stale.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'cli');
mkdirSync(outDir, { recursive: true });
const bundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};
await build({ ...bundle, entryPoints: [join(root, 'src', 'cli', 'main.ts')], outfile: join(outDir, 'main.mjs') });
// The read thread (src/core/reads) is loaded by URL next to the module that starts it, as the checkpoint worker is.
await build({
  ...bundle,
  entryPoints: [join(root, 'src', 'core', 'reads', 'read-worker-entry.ts')],
  outfile: join(outDir, 'read-worker.mjs'),
});
// The WAL checkpoint worker is loaded by URL next to the module that starts it.
copyFileSync(join(root, 'src', 'core', 'store', 'checkpoint-worker.mjs'), join(outDir, 'checkpoint-worker.mjs'));
