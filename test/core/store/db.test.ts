import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/store/db';
import { LATEST_VERSION } from '../../../src/core/store/migrations';
import { HookscopeError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof HookscopeError ? error.code : `not a HookscopeError: ${String(error)}`;
  }
  return undefined;
}

describe('openDatabase', () => {
  it('refuses a database from a newer version and leaves it untouched', () => {
    const dir = tempDir();
    const file = join(dir.path, 'hookscope.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const bytes = readFileSync(file);
    expect(codeOf(() => openDatabase({ file }))).toBe('DB_NEWER_VERSION');
    expect(readFileSync(file).equals(bytes)).toBe(true);
    dir.remove();
  });

  it('refuses a file that is not SQLite without writing over it', () => {
    const dir = tempDir();
    const file = join(dir.path, 'hookscope.db');
    writeFileSync(file, 'this is a text file, not a database\n'.repeat(10));
    const before = readFileSync(file);
    expect(codeOf(() => openDatabase({ file }))).toBe('DB_CORRUPT');
    expect(readFileSync(file).equals(before)).toBe(true);
    dir.remove();
  });

  it('creates the data folder and a fresh database at the latest version', () => {
    const dir = tempDir();
    const file = join(dir.path, 'nested', 'deeper', 'hookscope.db');
    const db = openDatabase({ file });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    db.close();
    dir.remove();
  });
});
