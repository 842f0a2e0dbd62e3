/**
 * The providers' own libraries, from the separate test/oracles package (never
 * the app's install). Installed on first use with `npm ci --prefix
 * test/oracles` (`.ci/run` does it up front); one installer at a time.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = resolve(__dirname, '../../../oracles');
const MARKER = join(ROOT, 'node_modules', '.package-lock.json');
const LOCK = join(ROOT, '.installing');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Installed, with every library package.json names (a merge that adds an oracle makes the install stale). */
function installed(): boolean {
  if (!existsSync(MARKER)) return false;
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  return Object.keys(manifest.dependencies).every((name) =>
    existsSync(join(ROOT, 'node_modules', ...name.split('/'), 'package.json')),
  );
}

function ensureInstalled(): void {
  for (let waited = 0; !installed(); waited += 500) {
    try {
      mkdirSync(LOCK);
    } catch {
      if (waited > 300_000)
        throw new Error(`test/oracles is still being installed by another process (remove ${LOCK} if none is).`);
      sleep(500);
      continue;
    }
    try {
      if (!installed()) execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', ROOT], { stdio: 'inherit' });
    } finally {
      rmdirSync(LOCK);
    }
  }
}

/** `require(name)` resolved inside test/oracles. */
export function oracle<T>(name: string): T {
  ensureInstalled();
  return createRequire(join(ROOT, 'package.json'))(name) as T;
}

/** `import(name)` resolved inside test/oracles, for the libraries published as ES modules only (@linear/sdk). */
export async function oracleImport<T>(name: string): Promise<T> {
  ensureInstalled();
  const path = createRequire(join(ROOT, 'package.json')).resolve(name);
  return (await import(pathToFileURL(path).href)) as T;
}
