import type { CaptureRepo, NewCapture } from '../store/captures';
import { translateStoreError } from '../store/db';

export interface CaptureWrites {
  /** Stores a batch of captures (and `alongside`, in the same transaction); throws the coded store error (a 503 for the request) when the disk refuses. */
  insertMany(rows: NewCapture[], alongside?: () => void): number[];
  /** Set once a write found the database file damaged: from then on nothing more is written to it. */
  damaged(): Error | undefined;
}

/**
 * The capture server's writes, with the damaged-database state: a full disk
 * or an unwritable file fails that batch naming the cause and touches nothing
 * stored; a damaged file stops every later write.
 */
export function createCaptureWrites(captures: Pick<CaptureRepo, 'insertMany'>, dbFile: string): CaptureWrites {
  let damaged: Error | undefined;
  return {
    insertMany(rows, alongside) {
      if (damaged) throw damaged;
      try {
        return captures.insertMany(rows, alongside);
      } catch (error) {
        // A full disk or an unwritable file: the request gets a 503 naming the cause; nothing stored is touched.
        const translated = translateStoreError(error, dbFile);
        if (translated.code === 'DB_CORRUPT') damaged = translated;
        throw translated;
      }
    },
    damaged: () => damaged,
  };
}
