// `npm start`: the desktop app when Electron's binary can be had, else the
// same UI in the browser. Electron's postinstall is denied in package.json
// (it downloads), so a missing binary is fetched here, once, with Electron's
// own installer; if that fails, one sentence says so and browser mode starts.
//
//   npm start                      desktop app (or browser mode)
//   npm start -- --port 9000       browser mode passes flags to `hookscope serve`
//   HOOKSCOPE_BROWSER=1 npm start  browser mode without trying Electron
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const passThrough = process.argv.slice(2);
const electronDir = (() => {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null; // installed without dev dependencies
  }
})();

/** The Electron executable, if installed; read from path.txt (requiring `electron` would start a download). */
function electronBinary() {
  if (!electronDir) return null;
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8').trim();
    const file = process.env.ELECTRON_OVERRIDE_DIST_PATH
      ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative)
      : join(electronDir, 'dist', relative);
    return relative && existsSync(file) ? file : null;
  } catch {
    return null;
  }
}

/** Runs Electron's installer once, quietly; returns its last error line when it fails. */
function installElectron() {
  if (!electronDir) return 'the electron package is not installed';
  console.log("Electron's binary is not installed; fetching it once with Electron's own installer ...");
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60_000,
  });
  if (run.status === 0 && electronBinary()) return null;
  const lines = `${run.stderr ?? ''}\n${run.error?.message ?? ''}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /error|failed|ENOTFOUND|ECONN|timed out/i.test(l)) ?? lines[0] ?? `exit code ${run.status}`;
}

function run(command, args) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

/** Runs a child to its end, passing Ctrl-C and SIGTERM on, and exits with its code. */
function handOver(child) {
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** `hookscope serve --open`: prints the UI URL (with its per-run token) and opens it in the default browser. */
function browserMode() {
  if (!existsSync(join(root, 'renderer', 'dist', 'index.html'))) {
    run(process.execPath, [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'vite.renderer.config.ts',
      '--logLevel',
      'warn',
    ]);
  }
  handOver(
    spawn(process.execPath, [join(root, 'bin', 'hookscope.mjs'), 'serve', '--open', ...passThrough], {
      cwd: root,
      stdio: 'inherit',
    }),
  );
}

function desktop(electron) {
  // better-sqlite3 for Electron's ABI (prebuilt, else compiled) goes to .electron-native/, never into node_modules (the tests use that one).
  if (!run(process.execPath, [join(root, 'scripts', 'electron-native.mjs')])) {
    console.log(
      'Without the Electron build of better-sqlite3 (why: the line above), Hookscope starts in your browser instead.',
    );
    return browserMode();
  }
  const electronVite = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  if (!run(process.execPath, [electronVite, 'build', '--logLevel', 'warn'])) {
    console.log('The desktop build failed (see above), so Hookscope starts in your browser instead.');
    return browserMode();
  }
  handOver(spawn(electron, [root], { cwd: root, stdio: 'inherit' }));
}

if (process.env.HOOKSCOPE_BROWSER) {
  browserMode();
} else {
  let electron = electronBinary();
  if (!electron) {
    const failure = installElectron();
    electron = electronBinary();
    if (!electron) {
      console.log(
        `Electron's binary could not be downloaded (${failure}), so Hookscope starts in your browser instead.`,
      );
      browserMode();
    }
  }
  if (electron) desktop(electron);
}
