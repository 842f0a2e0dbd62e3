// `npm start`: the desktop app when Electron's binary can be had, else the
// same UI in the browser. Electron's own installer is tried once (its
// postinstall is denied in package.json because it downloads).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);

function electronBinary() {
  try {
    // Electron's index.js downloads the binary on first use when it is missing.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

function browserMode() {
  if (!existsSync(join(root, 'renderer', 'dist', 'index.html'))) {
    run(process.execPath, [require.resolve('vite/bin/vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn']);
  }
  const child = spawn(process.execPath, [join(root, 'bin', 'hookscope.mjs'), 'serve', '--open', ...passThrough], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

const electron = electronBinary();
if (!electron) {
  console.log('The Electron binary could not be downloaded on this machine, so Hookscope runs the same app in your browser instead.');
  browserMode();
} else if (!run(process.execPath, [join(root, 'scripts', 'electron-native.mjs')])) {
  console.log('better-sqlite3 could not be built for Electron here, so Hookscope runs the same app in your browser instead.');
  browserMode();
} else if (!run(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'])) {
  console.log('The desktop build failed (see above), so Hookscope runs the same app in your browser instead.');
  browserMode();
} else {
  const child = spawn(electron, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
