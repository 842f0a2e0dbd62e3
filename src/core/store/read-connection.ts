import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { HookscopeError } from '../../shared/errors';
import { BUSY_TIMEOUT_MS } from './db';

/** SQLite page cache of a read connection, in KiB (as the main connection's: store/db.ts). */
const READ_PAGE_CACHE_KIB = 4096;

/**
 * A second, read-only connection to a database another connection of this
 * process has opened and migrated: in WAL mode it reads beside the writer,
 * never waiting for a write transaction or a checkpoint. It never creates the
 * file, never migrates, and refuses a schema other than `schemaVersion`.
 */
export function openReadConnection(file: string, options: { schemaVersion: number; nativeBinding?: string }): Db {
  const db = new Database(file, {
    readonly: true,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`cache_size = -${READ_PAGE_CACHE_KIB}`);
    db.pragma('query_only = ON');
    const found = schemaVersion(db);
    if (found !== options.schemaVersion) {
      throw new HookscopeError(
        'INTERNAL',
        `${file} has schema version ${found}, not ${options.schemaVersion}: reads stay on the main connection`,
      );
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The schema version migrations left (PRAGMA user_version). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}
