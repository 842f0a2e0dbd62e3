import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import { dirname } from 'node:path';
import { HookscopeError } from '../../shared/errors';
import { ensureDataDir, ensurePrivateFile, tightenIfPresent } from '../data-dir';
import { MIGRATIONS, LATEST_VERSION, type Migration } from './migrations';

export interface OpenOptions {
  /** Path of the SQLite file; ':memory:' for tests that need no file. */
  file: string;
  /** Stop after this schema version (migration tests); default: the latest. */
  targetVersion?: number;
  /** Path to a better_sqlite3.node built for another ABI (Electron). */
  nativeBinding?: string;
  migrations?: readonly Migration[];
  /**
   * 'normal' (the default): WAL with synchronous=NORMAL, a commit survives the
   * process being killed but the last ones can be lost on a power cut.
   * 'full': synchronous=FULL, every commit waits for the disk.
   */
  durability?: Durability;
}

export const DURABILITIES = ['normal', 'full'] as const;
export type Durability = (typeof DURABILITIES)[number];

/** How long a connection waits for another process's write lock before DB_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

/** SQLite page cache per connection, in KiB. */
const PAGE_CACHE_KIB = 4096;

const SQLITE_MAGIC = 'SQLite format 3\u0000';

function assertLooksLikeSqlite(file: string): void {
  if (file === ':memory:' || !existsSync(file)) return;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    if (read === 0) return; // an empty file becomes a new database
    if (read < 16 || head.toString('latin1') !== SQLITE_MAGIC) {
      throw new HookscopeError('DB_CORRUPT', `${file} is not a SQLite database; Hookscope will not write over it.`);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Turns a failure of SQLite or the file system into a HookscopeError with a
 * code and a one-line reason: a damaged file, a read-only or unwritable one,
 * a full disk. Anything else is returned as INTERNAL (or as is when already a
 * HookscopeError). `doing` is what failed: opening the file, a write, or
 * `use` when the caller cannot tell a read from a write (a whole CLI command,
 * an API call).
 */
export function translateStoreError(
  error: unknown,
  file: string,
  doing: 'open' | 'write' | 'use' = 'write',
): HookscopeError {
  if (error instanceof HookscopeError) return error;
  const code = (error as { code?: string } | null)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (
    code === 'SQLITE_BUSY' ||
    code.startsWith('SQLITE_BUSY_') ||
    code === 'SQLITE_LOCKED' ||
    code.startsWith('SQLITE_LOCKED_')
  ) {
    return new HookscopeError(
      'DB_BUSY',
      `${file} stayed locked by another Hookscope process for over ${BUSY_TIMEOUT_MS / 1000} s; try again once it is done.`,
    );
  }
  if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT_') || code === 'SQLITE_NOTADB') {
    return new HookscopeError('DB_CORRUPT', `${file} is damaged (${message}); Hookscope will not write over it.`);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'SQLITE_IOERR_NOSPC') {
    return new HookscopeError('DB_DISK_FULL', `the disk holding ${file} is full (${message}).`);
  }
  // Within a write, any I/O error counts as the write refused (as it always has); within `use`, a failed read is not.
  const readFailed = doing === 'use' && (code === 'SQLITE_IOERR_READ' || code === 'SQLITE_IOERR_SHORT_READ');
  if (
    code.startsWith('SQLITE_READONLY') ||
    code === 'SQLITE_CANTOPEN' ||
    code === 'EACCES' ||
    code === 'EROFS' ||
    code === 'EPERM' ||
    // A write the file system refused (an immutable or vanished file, a failing disk).
    (doing !== 'open' && code.startsWith('SQLITE_IOERR') && !readFailed)
  ) {
    return new HookscopeError('DB_READ_ONLY', `cannot ${doing === 'open' ? 'open' : 'write to'} ${file} (${message}).`);
  }
  const verb = doing === 'open' ? 'open' : readFailed ? 'read' : doing === 'use' ? 'use' : 'write to';
  return new HookscopeError('INTERNAL', `cannot ${verb} ${file}: ${message}`);
}

/**
 * For a failure that escaped a whole operation (a CLI command, an API call):
 * one that came from SQLite (it carries a `SQLITE_*` code) becomes a coded
 * HookscopeError naming `file`; anything else is returned as it was.
 */
export function translateEscapedStoreError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof HookscopeError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  return translateStoreError(error, file, 'use');
}

function translateOpenError(error: unknown, file: string): HookscopeError {
  const translated = translateStoreError(error, file, 'open');
  if (translated.code === 'DB_READ_ONLY') {
    return new HookscopeError(
      'DB_READ_ONLY',
      `cannot open ${file} for writing (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  return translated;
}

/** Applies every migration above the file's user_version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS, target?: number): number {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const goal = target ?? latest;
  let current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new HookscopeError(
      'DB_NEWER_VERSION',
      `the database has schema version ${current}, newer than this Hookscope knows (${latest}); upgrade Hookscope. Nothing was changed.`,
      { fileVersion: current, knownVersion: latest },
    );
  }
  for (const m of migrations) {
    if (m.version <= current || m.version > goal) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    current = m.version;
  }
  return current;
}

/** No table yet: auto_vacuum can still be chosen. */
function isEmptySchema(db: Db): boolean {
  return (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n === 0;
}

/**
 * Opens (creating if needed) a Hookscope database: WAL, foreign keys, a busy
 * timeout so the CLI and a running server can share it, then migrations.
 * Never writes to a file that is not SQLite or that a newer version wrote.
 */
export function openDatabase(options: OpenOptions): Db {
  const { file } = options;
  if (file !== ':memory:') {
    // Owner-only: the folder 0700, the database 0600 (SQLite gives -wal and -shm the database's mode); old ones tightened.
    ensureDataDir(dirname(file));
    assertLooksLikeSqlite(file);
    ensurePrivateFile(file);
    for (const suffix of ['-wal', '-shm']) tightenIfPresent(file + suffix);
  }
  let db: Db | undefined;
  try {
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    const version = db.pragma('user_version', { simple: true }) as number;
    const known = (options.migrations ?? MIGRATIONS).at(-1)?.version ?? LATEST_VERSION;
    if (version > known) {
      throw new HookscopeError(
        'DB_NEWER_VERSION',
        `${file} has schema version ${version}, newer than this Hookscope knows (${known}); upgrade Hookscope. Nothing was changed.`,
        { fileVersion: version, knownVersion: known },
      );
    }
    // A new file gives the pages of deleted captures back to the disk, a few at a time in the background (store/reclaim.ts).
    if (version === 0 && isEmptySchema(db)) db.pragma('auto_vacuum = INCREMENTAL');
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
    // SQLite's own page cache, per connection (better-sqlite3 builds it 16 MiB by default): 4 MiB holds the
    // pages a capture commit and the list's first page touch; the rest of a large history is read from the
    // OS's file cache. Keeps a long-running serve's memory flat (npm run soak).
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    db.pragma('foreign_keys = ON');
    migrate(db, options.migrations ?? MIGRATIONS, options.targetVersion);
    return db;
  } catch (error) {
    db?.close();
    throw translateOpenError(error, file);
  }
}

export type { Db };
