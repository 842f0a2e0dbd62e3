import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { HookscopeError } from '../../shared/errors';
import { databasePath } from '../paths';

/** The database and the files SQLite keeps beside it. */
export function databaseFiles(dataDir: string): string[] {
  const db = databasePath(dataDir);
  return [db, `${db}-wal`, `${db}-shm`, `${db}-journal`];
}

/**
 * Where a path really is: every symlink on the way resolved, a dangling one
 * included (its target is where a write would land), and the part that does
 * not exist yet appended to the real location of what does.
 */
export function realLocation(path: string, depth = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    // Not there (or unreadable): follow a dangling link by hand, else resolve the parent.
  }
  if (depth > 40) return absolute;
  let link: Stats | undefined;
  try {
    link = lstatSync(absolute);
  } catch {
    link = undefined;
  }
  if (link?.isSymbolicLink()) {
    const to = readlinkSync(absolute);
    return realLocation(isAbsolute(to) ? to : join(dirname(absolute), to), depth + 1);
  }
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  return join(realLocation(parent, depth + 1), basename(absolute));
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

const same = (a: Stats | null, b: Stats | null) => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

/** True when `real` is `folder` or inside it, by path or by identity (a bind mount, a case-insensitive alias). */
function isWithin(real: string, folder: string): boolean {
  if (real === folder || real.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return true;
  const folderStat = statOrNull(folder);
  if (folderStat === null) return false;
  for (let at = real; ; at = dirname(at)) {
    if (same(statOrNull(at), folderStat)) return true;
    if (dirname(at) === at) return false;
  }
}

/**
 * Why Hookscope must not write at `target`, or null when it may: the target
 * (symlinks resolved) is inside the data folder, or is the database or one of
 * its -wal, -shm or -journal files wherever they really are (a symlinked or
 * hard-linked database too).
 */
export function forbiddenReason(target: string, dataDir: string): string | null {
  const real = realLocation(target);
  const dataReal = realLocation(dataDir);
  const targetStat = statOrNull(real);
  for (const file of databaseFiles(dataDir)) {
    if (realLocation(file) === real || same(statOrNull(file), targetStat))
      return `it is Hookscope's database file ${file}`;
  }
  if (isWithin(real, dataReal)) return `it is inside Hookscope's data folder ${dataDir}, which holds the database`;
  return null;
}

/** Throws OUTPUT_FORBIDDEN (one sentence naming what and why) when Hookscope must not write at `target`. */
export function assertMayWrite(target: string, dataDir: string, what: string): void {
  const reason = forbiddenReason(target, dataDir);
  if (reason !== null)
    throw new HookscopeError(
      'OUTPUT_FORBIDDEN',
      `will not write ${what} ${target}: ${reason}; choose a path outside it`,
    );
}
