import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { HookscopeError } from '../shared/errors';

/** The data folder is the owner's alone: it holds captured requests and signing secrets. */
export const DATA_DIR_MODE = 0o700;
/** The database, its -wal and -shm, and the serve lock. */
export const DATA_FILE_MODE = 0o600;

function errno(error: unknown): string {
  return (error as NodeJS.ErrnoException | null)?.code ?? 'unknown error';
}

/** What the path is, without following a missing link into an error: a folder, something else, or nothing. */
function kindOf(path: string): 'folder' | 'other' | 'missing' | 'not-a-folder-on-the-way' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = errno(error);
    if (code === 'ENOTDIR') return 'not-a-folder-on-the-way';
    if (code === 'ENOENT') return 'missing';
    throw new HookscopeError('DB_READ_ONLY', `cannot use the data folder: ${path} cannot be read (${code}).`);
  }
}

/** Clears group and other bits; a folder or file we cannot change (not ours, a read-only disk) is left as it is. */
function tighten(path: string, mode: number): void {
  try {
    const current = statSync(path).mode & 0o777;
    if ((current & ~mode) !== 0) chmodSync(path, current & mode);
  } catch {
    // Not the owner, or a read-only disk: opening the database says what matters.
  }
}

/**
 * Makes the data folder (and any missing parents) owner-only, or says in one
 * sentence why it cannot: a parent that is a file (BAD_INPUT), a disk that
 * is read-only or refuses new folders (DB_READ_ONLY), a full disk. An
 * existing folder is tightened to 0700. Walks the path itself: Node's
 * recursive mkdir reports a read-only disk as ENOENT, and loops forever
 * under /proc.
 */
export function ensureDataDir(dir: string): void {
  const target = resolve(dir);
  const missing: string[] = [];
  let at = target;
  for (;;) {
    const kind = kindOf(at);
    if (kind === 'folder') break;
    if (kind === 'other') {
      throw new HookscopeError('BAD_INPUT', `cannot use the data folder ${target}: ${at} is a file, not a folder.`);
    }
    if (kind === 'missing') missing.unshift(at);
    const parent = dirname(at);
    if (parent === at)
      throw new HookscopeError('BAD_INPUT', `cannot use the data folder ${target}: ${at} does not exist.`);
    at = parent;
  }
  if (missing.length === 0) {
    tighten(target, DATA_DIR_MODE);
    return;
  }
  for (const path of missing) {
    try {
      // Parents made here are the owner's too: nobody else needs to list what they hold.
      mkdirSync(path, { mode: DATA_DIR_MODE });
    } catch (error) {
      const code = errno(error);
      const parent = dirname(path);
      if (code === 'EEXIST' && kindOf(path) === 'folder') continue;
      if (code === 'EEXIST')
        throw new HookscopeError(
          'BAD_INPUT',
          `cannot use the data folder ${target}: ${path} is in the way (a file or a broken link).`,
        );
      if (code === 'ENOSPC')
        throw new HookscopeError(
          'DB_DISK_FULL',
          `cannot create the data folder ${target}: the disk holding ${parent} is full.`,
        );
      if (code === 'EROFS')
        throw new HookscopeError(
          'DB_READ_ONLY',
          `cannot create the data folder ${target}: ${parent} is on a read-only disk (EROFS).`,
        );
      if (code === 'EACCES' || code === 'EPERM')
        throw new HookscopeError(
          'DB_READ_ONLY',
          `cannot create the data folder ${target}: ${parent} is not writable (${code}).`,
        );
      throw new HookscopeError(
        'DB_READ_ONLY',
        `cannot create the data folder ${target}: ${parent} does not accept new folders (${code}).`,
      );
    }
  }
  tighten(target, DATA_DIR_MODE);
}

/** Creates `file` empty and owner-only when it does not exist (SQLite gives -wal and -shm the same mode); tightens it when it does. */
export function ensurePrivateFile(file: string): void {
  try {
    closeSync(openSync(file, 'a', DATA_FILE_MODE));
  } catch {
    // Unwritable: opening the database names the reason.
  }
  tighten(file, DATA_FILE_MODE);
}

/** Tightens a file when it exists (an old database's -wal and -shm). */
export function tightenIfPresent(file: string): void {
  tighten(file, DATA_FILE_MODE);
}
