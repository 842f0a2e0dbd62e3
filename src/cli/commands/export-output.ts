import { once } from 'node:events';
import { basename, dirname, extname, resolve } from 'node:path';
import { HookscopeError } from '../../shared/errors';
import { openAtomicFile } from '../../core/files/atomic-file';
import { createFreshFolder, type FreshFolder } from '../../core/files/fresh-folder';
import { assertMayWrite } from '../../core/files/output-guard';
import type { StoredCapture } from '../../core/store-exports';

/** Where an export's lines go: standard output, or a file replaced whole when the export is complete. */
export interface ExportSink {
  write(line: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

/** `--out` absent or `-`: standard output. */
export function isStdout(out: string | undefined): boolean {
  return out === undefined || out === '-';
}

/**
 * Refuses, before anything is opened or written, an `--out` (or the folder
 * cURL body files would go in) inside the data folder or over its database.
 */
export function checkExportTargets(out: string | undefined, format: string, dataDir: string): void {
  if (out === '') throw new HookscopeError('BAD_INPUT', '--out needs a file name, or - for standard output');
  if (!isStdout(out)) assertMayWrite(out!, dataDir, '--out');
  if (format === 'curl') assertMayWrite(bodyParent(out), dataDir, 'cURL body files in');
}

export async function openSink(out: string | undefined): Promise<ExportSink> {
  if (isStdout(out)) {
    return {
      async write(line) {
        if (!process.stdout.write(line)) await once(process.stdout, 'drain');
      },
      commit: async () => undefined,
      abort: async () => undefined,
    };
  }
  const file = await openAtomicFile(resolve(out!));
  return { write: (line) => file.write(line), commit: () => file.commit(), abort: () => file.abort() };
}

function bodyParent(out: string | undefined): string {
  return isStdout(out) ? process.cwd() : dirname(resolve(out!));
}

/**
 * cURL body files: a new folder this command creates (beside `--out` as
 * `<name>-bodies`, else `hookscope-curl-bodies` in the working folder; `-2`,
 * `-3`... when taken), made only when a body needs it, each file new.
 */
export function curlBodyFiles(out: string | undefined) {
  let folder: FreshFolder | null = null;
  let count = 0;
  return {
    place(capture: StoredCapture, bytes: Buffer): string {
      folder ??= createFreshFolder(
        bodyParent(out),
        isStdout(out) ? 'hookscope-curl-bodies' : `${basename(out!, extname(out!))}-bodies`,
      );
      count++;
      return folder.writeNew(`capture-${capture.id}.body`, bytes);
    },
    /** The folder and how many files it holds, or null when none was needed. */
    written: () => (folder ? { path: folder.path, count } : null),
    remove: () => folder?.remove(),
  };
}
