import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAtomicFile } from '../../../src/core/files/atomic-file';
import { createFreshFolder } from '../../../src/core/files/fresh-folder';
import { assertMayWrite, forbiddenReason, realLocation } from '../../../src/core/files/output-guard';
import { tempDir } from '../../helpers/temp-dir';

let dir: { path: string; remove(): void };
let data: string;
beforeEach(() => {
  dir = tempDir('hookscope-files-');
  data = join(dir.path, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'hookscope.db'), 'SQLite format 3\0');
});
afterEach(() => dir.remove());

describe('the output guard', () => {
  it('follows symlinks, dangling ones too, and appends what does not exist yet', () => {
    symlinkSync(join(data, 'hookscope.db-wal'), join(dir.path, 'dangling'));
    symlinkSync(data, join(dir.path, 'data-link'));
    expect(realLocation(join(dir.path, 'dangling'))).toBe(join(realLocation(data), 'hookscope.db-wal'));
    expect(realLocation(join(dir.path, 'data-link', 'a', 'b.txt'))).toBe(join(realLocation(data), 'a', 'b.txt'));
  });

  it('names the database, its companions and the data folder; lets everything else through', () => {
    expect(forbiddenReason(join(data, 'hookscope.db'), data)).toMatch(/^it is Hookscope's database file /);
    expect(forbiddenReason(join(data, 'hookscope.db-shm'), data)).toMatch(/database file .*hookscope\.db-shm$/);
    expect(forbiddenReason(join(data, 'sub', 'x'), data)).toMatch(/^it is inside Hookscope's data folder /);
    expect(forbiddenReason(data, data)).toMatch(/inside Hookscope's data folder/);
    expect(forbiddenReason(join(dir.path, 'data-other', 'x'), data)).toBeNull();
    expect(forbiddenReason(join(dir.path, 'export.ndjson'), data)).toBeNull();
    // A database that is itself a symlink elsewhere: its real file is refused too.
    const elsewhere = join(dir.path, 'real.db');
    writeFileSync(elsewhere, 'db');
    const linked = join(dir.path, 'linked-data');
    mkdirSync(linked);
    symlinkSync(elsewhere, join(linked, 'hookscope.db'));
    expect(forbiddenReason(elsewhere, linked)).toMatch(/database file/);
    expect(() => assertMayWrite(join(data, 'x'), data, '--out')).toThrow(
      expect.objectContaining({ code: 'OUTPUT_FORBIDDEN' }),
    );
  });
});

describe('atomic files', () => {
  it('leave the target as it was until commit, then replace it whole; a symlink is replaced, not written through', async () => {
    const victim = join(dir.path, 'victim');
    writeFileSync(victim, 'precious');
    const target = join(dir.path, 'out.txt');
    symlinkSync(victim, target);
    const file = await openAtomicFile(target, () => 'fixed');
    expect(file.temporary).toBe(join(dir.path, '.out.txt.fixed.tmp'));
    await file.write('a'.repeat(300 * 1024));
    await file.write('end\n');
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    await file.commit();
    expect(lstatSync(target).isSymbolicLink()).toBe(false);
    expect(readFileSync(target, 'utf8')).toBe(`${'a'.repeat(300 * 1024)}end\n`);
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(existsSync(file.temporary)).toBe(false);
  });

  it('abort removes the temporary file and leaves the target; a temporary name already taken is never reused', async () => {
    const target = join(dir.path, 'out.txt');
    writeFileSync(target, 'old', { mode: 0o600 });
    const kept = await openAtomicFile(target);
    await kept.write('private');
    await kept.commit();
    expect(statSync(target).mode & 0o777).toBe(0o600);
    writeFileSync(target, 'old');
    const file = await openAtomicFile(target, () => 'x');
    await file.write('new');
    await file.abort();
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir.path).sort()).toEqual(['data', 'out.txt']);
    symlinkSync(join(dir.path, 'victim'), join(dir.path, '.out.txt.x.tmp'));
    await expect(openAtomicFile(target, () => 'x')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/EEXIST/),
    });
    expect(existsSync(join(dir.path, 'victim'))).toBe(false);
    await expect(openAtomicFile(dir.path)).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/it is a folder/),
    });
  });
});

describe('fresh folders', () => {
  it('take the next free name, never an existing folder or symlink, and write only new files', () => {
    mkdirSync(join(dir.path, 'bodies'));
    symlinkSync(data, join(dir.path, 'bodies-2'));
    const folder = createFreshFolder(dir.path, 'bodies');
    expect(folder.path).toBe(join(dir.path, 'bodies-3'));
    const file = folder.writeNew('capture-1.body', Buffer.from([0, 1, 2]));
    expect(readFileSync(file)).toEqual(Buffer.from([0, 1, 2]));
    expect(() => folder.writeNew('capture-1.body', Buffer.from('again'))).toThrow(
      expect.objectContaining({ code: 'OUTPUT_FORBIDDEN' }),
    );
    symlinkSync(join(data, 'hookscope.db'), join(folder.path, 'capture-2.body'));
    expect(() => folder.writeNew('capture-2.body', Buffer.from('x'))).toThrow(
      expect.objectContaining({ code: 'OUTPUT_FORBIDDEN' }),
    );
    expect(readFileSync(join(data, 'hookscope.db'), 'utf8')).toBe('SQLite format 3\0');
    expect(() => folder.writeNew('../escape', Buffer.from('x'))).toThrow(/not a plain file name/);
    folder.remove();
    expect(existsSync(folder.path)).toBe(false);
    expect(readdirSync(data)).toEqual(['hookscope.db']);
  });
});
