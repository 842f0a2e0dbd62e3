// `node --import tsx --import ./test/main/support/electron-hook.mjs out/main/index.js`
// runs the built main process under plain Node, with `electron` resolved to
// the fake in fake-electron-process.ts.
import { register } from 'node:module';

register('./electron-resolve.mjs', import.meta.url);
