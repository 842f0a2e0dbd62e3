import { sep } from 'node:path';

const ARCHIVE = `${sep}app.asar${sep}`;

/**
 * A packaged desktop app keeps its code in an `app.asar` archive, but a worker
 * thread is started from a real file: such files are unpacked beside it into
 * `app.asar.unpacked` (electron-builder.yml, asarUnpack). Any other path is
 * returned as it is.
 */
export function unpackedPath(path: string): string {
  return path.includes(ARCHIVE) ? path.replace(ARCHIVE, `${sep}app.asar.unpacked${sep}`) : path;
}
