// Puts better-sqlite3 built for Electron's ABI into .electron-native/, leaving
// node_modules/better-sqlite3 (built for plain Node, which the tests and the
// CLI use) untouched. The Electron main process opens the database with
// better-sqlite3's `nativeBinding` option pointing at the file made here.
// A prebuilt binary is fetched first (no compiler needed); node-gyp compiles
// one only when none can be had. Exits 1 with one sentence when neither works.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lastReason, obtainElectronNative } from './electron-native/steps.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const electron = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'));
const betterSqlite3 = JSON.parse(readFileSync(join(sqliteDir, 'package.json'), 'utf8')).version;
const outDir = join(root, '.electron-native');
const target = join(outDir, 'better_sqlite3.node');
const stamp = join(outDir, 'built-for.json');
const platform = process.env.npm_config_platform || process.platform;
const arch = process.env.npm_config_arch || process.arch;
const wanted = JSON.stringify({ electron, betterSqlite3, platform, arch });

if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) process.exit(0);

// A copy of the package to work in, so node_modules/better-sqlite3/build (the Node build) is never touched.
const work = join(outDir, 'build');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
cpSync(sqliteDir, work, { recursive: true, filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`) });
const built = join(work, 'build', 'Release', 'better_sqlite3.node');

const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: work, encoding: 'utf8' });
  if (result.status === 0 && existsSync(built)) return { ok: true };
  return {
    ok: false,
    reason: lastReason(
      `${result.stdout}\n${result.stderr}\n${result.error?.message ?? ''}`,
      `exit code ${result.status}`,
    ),
  };
};

const outcome = obtainElectronNative({
  electron,
  betterSqlite3,
  platform,
  arch,
  log: (line) => console.log(line),
  // better-sqlite3's own installer, asked for the Electron runtime of this version.
  prebuilt: () =>
    run([
      require.resolve('prebuild-install/bin.js'),
      '--runtime',
      'electron',
      '--target',
      electron,
      '--arch',
      arch,
      '--platform',
      platform,
    ]),
  compile: () =>
    run([
      require.resolve('node-gyp/bin/node-gyp.js'),
      'rebuild',
      '--release',
      `--target=${electron}`,
      `--arch=${arch}`,
      '--dist-url=https://electronjs.org/headers',
    ]),
});

if (!outcome.ok) {
  rmSync(work, { recursive: true, force: true });
  console.error(outcome.sentence);
  process.exit(1);
}
copyFileSync(built, target);
writeFileSync(stamp, wanted);
rmSync(work, { recursive: true, force: true });
console.log(`better-sqlite3 for Electron ${electron}: ${outcome.how}, in .electron-native/`);
