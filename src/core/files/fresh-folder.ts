import { closeSync, constants, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HookscopeError } from '../../shared/errors';

/** Most `-2`, `-3`... suffixes tried before giving up on a folder name. */
const MAX_TRIES = 1000;

export interface FreshFolder {
  /** Absolute path of the folder this run created. */
  readonly path: string;
  /** Writes a new file in the folder; fails rather than touch anything already there (a file, a symlink). */
  writeNew(name: string, bytes: Uint8Array): string;
  /** Removes the folder and what this run wrote in it. */
  remove(): void;
}

/**
 * Creates a new folder in `parent` named `base`, or `base-2`, `base-3`...
 * when that exists (mkdir never reuses or follows an existing entry), for
 * files written with exclusive create (O_CREAT | O_EXCL | O_NOFOLLOW).
 */
export function createFreshFolder(parent: string, base: string): FreshFolder {
  let path = '';
  for (let n = 1; ; n++) {
    const candidate = resolve(parent, n === 1 ? base : `${base}-${n}`);
    try {
      mkdirSync(candidate, { mode: 0o777 });
      path = candidate;
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST' || n >= MAX_TRIES) {
        throw new HookscopeError(
          'BAD_INPUT',
          `cannot create a folder for body files in ${parent}: ${code ?? (error as Error).message}`,
        );
      }
    }
  }
  return {
    path,
    writeNew(name, bytes) {
      if (name.includes('/') || name.includes('\\') || name === '.' || name === '..')
        throw new HookscopeError('INTERNAL', `not a plain file name: ${name}`);
      const file = join(path, name);
      let fd: number;
      try {
        fd = openSync(
          file,
          constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0),
          0o666,
        );
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EEXIST' || code === 'ELOOP')
          throw new HookscopeError(
            'OUTPUT_FORBIDDEN',
            `will not write ${file}: something appeared there meanwhile, and Hookscope writes only new files`,
          );
        throw new HookscopeError('BAD_INPUT', `cannot write ${file}: ${code ?? (error as Error).message}`);
      }
      try {
        for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
      } finally {
        closeSync(fd);
      }
      return file;
    },
    remove() {
      rmSync(path, { recursive: true, force: true });
    },
  };
}
