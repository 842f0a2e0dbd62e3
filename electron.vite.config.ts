import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

/**
 * The WAL checkpointer's worker is a plain .mjs file the core starts with
 * `new Worker(new URL('./checkpoint-worker.mjs', import.meta.url))`: copied
 * next to the bundled main so that URL still finds it.
 */
function checkpointWorker(): Plugin {
  return {
    name: 'hookscope-checkpoint-worker',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'checkpoint-worker.mjs',
        source: readFileSync(resolve(root, 'src/core/store/checkpoint-worker.mjs'), 'utf8'),
      });
    },
  };
}

/**
 * The read thread (src/core/reads) is started the same way, from
 * `read-worker.mjs` beside the module that starts it: bundled whole from its
 * TypeScript entry into that one file (a worker unpacked beside the asar cannot
 * import chunks inside it); node_modules stays external, as for the CLI's bundle.
 */
function readWorker(): Plugin {
  return {
    name: 'hookscope-read-worker',
    async generateBundle() {
      const { build } = await import('esbuild');
      const built = await build({
        entryPoints: [resolve(root, 'src/core/reads/read-worker-entry.ts')],
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        packages: 'external',
        write: false,
        logLevel: 'warning',
      });
      this.emitFile({ type: 'asset', fileName: 'read-worker.mjs', source: built.outputFiles[0].text });
    },
  };
}

// Three builds, into out/main, out/preload and out/renderer (electron-vite's
// defaults; `--outDir` moves all three): the Electron main process (ESM; node_modules stays external,
// better-sqlite3 loads the Electron-ABI binary via nativeBinding), the
// sandboxed preload (one self-contained CommonJS file: a sandboxed preload can
// require nothing but 'electron'), and the React renderer from renderer/.
export default defineConfig({
  main: {
    plugins: [checkpointWorker(), readWorker()],
    build: {
      // The main process, and the core's utility process (forked by the main process from out/main/core-process.js).
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          'core-process': resolve(root, 'src/main/core-process/entry.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
