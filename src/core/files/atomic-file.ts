import { randomBytes } from 'node:crypto';
import { lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { HookscopeError } from '../../shared/errors';

/** Writes are gathered up to this size before they reach the file. */
const CHUNK = 256 * 1024;

export interface AtomicFile {
  /** The temporary file written to until commit. */
  readonly temporary: string;
  write(data: string | Buffer): Promise<void>;
  /** Flushes, syncs and renames the temporary file over the target: readers see the old file or the whole new one. */
  commit(): Promise<void>;
  /** Removes the temporary file; the target is left as it was. */
  abort(): Promise<void>;
}

function cannotWrite(target: string, error: unknown): HookscopeError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : (code ?? (error as Error).message);
  return new HookscopeError('BAD_INPUT', `cannot write ${target}: ${why}`);
}

/**
 * Opens a new temporary file beside `target` (exclusive create: never an
 * existing file, never through a symlink), for a write that replaces
 * `target` only when it is complete. `target` must not be a folder.
 */
export async function openAtomicFile(
  target: string,
  randomName: () => string = () => randomBytes(6).toString('hex'),
): Promise<AtomicFile> {
  if ((await stat(target).catch(() => null))?.isDirectory())
    throw new HookscopeError('BAD_INPUT', `cannot write ${target}: it is a folder`);
  const existing = await lstat(target).catch(() => null);
  const temporary = join(dirname(target), `.${basename(target)}.${randomName()}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temporary, 'wx', 0o666);
  } catch (error) {
    throw cannotWrite(target, error);
  }
  // A file replaced keeps its permissions (a private export stays private).
  if (existing?.isFile()) await handle.chmod(existing.mode & 0o7777).catch(() => undefined);
  let pending: Buffer[] = [];
  let size = 0;
  let closed = false;
  const flush = async () => {
    if (size === 0) return;
    const data = Buffer.concat(pending);
    pending = [];
    size = 0;
    await handle.writeFile(data);
  };
  const close = async () => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  const abort = async () => {
    await close().catch(() => undefined);
    await rm(temporary, { force: true });
  };
  return {
    temporary,
    async write(data) {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      pending.push(bytes);
      size += bytes.length;
      if (size >= CHUNK) {
        try {
          await flush();
        } catch (error) {
          throw cannotWrite(target, error);
        }
      }
    },
    async commit() {
      try {
        await flush();
        await handle.sync();
        await close();
        await rename(temporary, target);
      } catch (error) {
        await abort();
        throw cannotWrite(target, error);
      }
    },
    abort,
  };
}
