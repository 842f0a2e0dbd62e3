#!/usr/bin/env node
// The `hookscope` command. Runs the bundle made by scripts/build-cli.mjs (on
// npm install) while it is newer than every file under src/; otherwise loads
// the TypeScript sources through tsx, so the checkout always runs what it holds
// (where tsx, a development dependency, is not installed: the bundle).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'cli', 'main.mjs');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundle)) return false;
  const built = statSync(bundle).mtimeMs;
  return built >= newestSource(join(root, 'src')) && built >= statSync(join(root, 'package.json')).mtimeMs;
}

/** tsx is a development dependency: present in a checkout, absent where only runtime dependencies are installed. */
async function tsxRegister() {
  try {
    return (await import('tsx/esm/api')).register;
  } catch {
    return null;
  }
}

let main;
const register = bundleIsFresh() ? null : await tsxRegister();
if (register) {
  register();
  ({ main } = await import('../src/cli/main.ts'));
} else if (existsSync(bundle)) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  process.stderr.write('hookscope: the CLI is not built: run `npm run build:cli` in ' + root + '\n');
  process.exit(1);
}
process.exitCode = await main(process.argv);
