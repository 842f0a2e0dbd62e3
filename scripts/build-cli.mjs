// Bundles the `hookscope` CLI (src/cli/main.ts and everything it imports from
// src/) into out/cli/main.mjs, so a command starts without transpiling ~200
// TypeScript modules through tsx. zod and commander, plain JavaScript spread
// over ~100 small modules, are bundled too: loaded file by file from
// node_modules they made each start ~17 ms slower (282 against 265 ms for
// `hookscope --version`), and a whole `npm test` starts the CLI ~310 times.
// The other dependencies (native, or with native parts) stay in node_modules.
// bin/hookscope.mjs uses the bundle only while it is newer than every source
// file, and falls back to tsx otherwise, so an edit is never run stale.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'out', 'cli');
mkdirSync(outDir, { recursive: true });
/** Bundled into the CLI; every other package is loaded from node_modules. */
const INLINE = /^(zod|commander)(\/|$)/;
const keepPackagesExternal = {
  name: 'external-packages',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'entry-point' || INLINE.test(args.path) ? undefined : { path: args.path, external: true },
    );
  },
};
const bundle = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [keepPackagesExternal],
  // commander is CommonJS: its require() of Node's modules needs a require in an ES module.
  banner: {
    js: "import { createRequire as hookscopeRequire } from 'node:module'; const require = hookscopeRequire(import.meta.url);",
  },
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
