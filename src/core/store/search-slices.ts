import type { Database } from 'better-sqlite3';
import type { HeaderPair } from '../../shared/capture-types';
import { createVocabStaging, STAGED_TERMS_PER_ITEM } from './search-vocab';

/** Bodies larger than this (stored bytes, or decoded text) are indexed in slices (migration 010). */
export const SLICE_THRESHOLD = 64 * 1024;
/** Bytes of decoded body per slice: a few milliseconds of FTS and vocabulary work, even when every word is new. */
export const SLICE_BYTES = 8 * 1024;
/** A slice's rowid in captures_fts_slices is capture id * 2^20 + slice number. */
export const SLICE_SHIFT = 2 ** 20;
/**
 * Pages of FTS5 segment merging done per step. captures_fts_slices does not
 * merge by itself (migration 010 turns automerge off): a merge started by one
 * insert could rewrite megabytes in one go. Each step merges this much, and
 * steps go on merging once the slices are in, until nothing is left to merge.
 */
export const MERGE_PAGES_PER_STEP = 24;

/** The decoded bytes of a body (Content-Encoding undone), injected so the store does not decode. */
export type DecodeBody = (row: { headers: HeaderPair[]; body: Buffer }) => Buffer;

const isAsciiSeparator = (b: number) =>
  b < 0x80 && !((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

/**
 * Where the slice starting at `start` ends: just after the last ASCII
 * separator (anything but a letter or digit, which the unicode61 tokenizer
 * never keeps in a token) in its second half, so no word is cut in two; in a
 * run of word bytes longer than half a slice (a base64 blob), at the last
 * UTF-8 character boundary. Pure.
 */
export function sliceEnd(bytes: Uint8Array, start: number, sliceBytes = SLICE_BYTES): number {
  const end = Math.min(bytes.length, start + sliceBytes);
  if (end === bytes.length) return end;
  const floor = start + (sliceBytes >> 1);
  for (let i = end - 1; i >= floor; i--) if (isAsciiSeparator(bytes[i])) return i + 1;
  let cut = end;
  while (cut > start + 1 && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}

/** The text of one slice, or null when it is not text (a NUL or invalid UTF-8: the body is then not indexed, as isText decides). */
function sliceText(bytes: Uint8Array): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

export type SearchSlices = ReturnType<typeof createSearchSlices>;

/**
 * Indexing of large bodies in slices. The indexer gives each large capture its
 * own row (path and headers) and queues its body here; `step` indexes a few
 * slices at a time, in the background, so capture never waits behind one body.
 * While a body is queued or half done, search reads it directly (as it reads
 * captures not yet indexed at all), so it is found by every word from the
 * moment it is stored; once done, its slices answer.
 */
export function createSearchSlices(db: Database, decode: DecodeBody) {
  const staging = createVocabStaging(db);
  const enqueueRow = db.prepare('INSERT OR IGNORE INTO search_slices (capture_id) VALUES (?)');
  const nextJob = db.prepare<[], { capture_id: number; next_byte: number; slices: number }>(
    'SELECT capture_id, next_byte, slices FROM search_slices WHERE done = 0 ORDER BY capture_id LIMIT 1',
  );
  const loadBody = db.prepare<[number], { headers: string; body: Buffer }>(
    'SELECT headers, body FROM captures WHERE id = ?',
  );
  const insertSlice = db.prepare('INSERT INTO captures_fts_slices (rowid, body) VALUES (?, ?)');
  const advance = db.prepare('UPDATE search_slices SET next_byte = ?, slices = ?, done = ? WHERE capture_id = ?');
  const dropSlices = db.prepare(
    'DELETE FROM captures_fts_slices WHERE rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)',
  );
  const forget = db.prepare('DELETE FROM search_slices WHERE capture_id = ?');
  const unfinished = db.prepare<[number], { capture_id: number }>(
    'SELECT capture_id FROM search_slices WHERE done = 0 AND capture_id <= ? ORDER BY capture_id',
  );
  const countUnfinished = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM search_slices WHERE done = 0');
  const anyDone = db.prepare<[], { one: number }>('SELECT 1 AS one FROM search_slices WHERE done = 1 LIMIT 1');
  const isDone = db.prepare<[number], { done: number }>('SELECT done FROM search_slices WHERE capture_id = ?');
  const sliceMatch = db.prepare<[string, number], { rowid: number }>(
    'SELECT rowid FROM captures_fts_slices WHERE captures_fts_slices MATCH ? AND rowid < CAST(? AS INTEGER)',
  );
  // better-sqlite3 binds a number as REAL, and FTS5 ignores `rowid = <real>`: the casts are needed.
  // A literal: FTS5 takes its commands' numbers as integers only, and better-sqlite3 binds numbers as REAL.
  const merge = db.prepare(
    `INSERT INTO captures_fts_slices (captures_fts_slices, rank) VALUES ('merge', ${MERGE_PAGES_PER_STEP})`,
  );
  // FTS5 keeps its segment structure in the %_data row of id 10: unchanged by a merge command that found nothing to merge.
  const structure = db.prepare<[], { block: Buffer }>('SELECT block FROM captures_fts_slices_data WHERE id = 10');
  const mainMatch = db.prepare<[string, number], { one: number }>(
    'SELECT 1 AS one FROM captures_fts WHERE captures_fts MATCH ? AND rowid = CAST(? AS INTEGER)',
  );

  /**
   * The body being sliced, decoded once and kept while its slices are
   * indexed, and how far its staged terms have been copied to the vocabulary.
   */
  let current: { id: number; bytes: Buffer; copiedUpTo: string } | undefined;

  function load(id: number): Buffer | undefined {
    const row = loadBody.get(id);
    if (!row) return undefined;
    let headers: HeaderPair[];
    try {
      headers = JSON.parse(row.headers) as HeaderPair[];
    } catch {
      headers = [];
    }
    return decode({ headers, body: row.body });
  }

  function drop(id: number): void {
    dropSlices.run(id * SLICE_SHIFT, id * SLICE_SHIFT + SLICE_SHIFT - 1);
  }

  /** One bounded merge of the slices' segments; true when it merged anything. */
  function mergeSome(): boolean {
    const before = structure.get()?.block;
    merge.run();
    const after = structure.get()?.block;
    return before === undefined || after === undefined ? false : !before.equals(after);
  }

  /**
   * Does up to `max` items of slicing work: slices of the oldest queued body,
   * then runs of its terms into the vocabulary, then (with nothing queued)
   * bounded merges of the slices' segments. Returns the items done.
   */
  const stepInTransaction = db.transaction((max: number): number => {
    const job = nextJob.get();
    if (!job) {
      current = undefined;
      return mergeSome() ? 1 : 0;
    }
    const id = job.capture_id;
    if (current?.id !== id) {
      // A body started by an earlier run lost its staged terms with it: it is sliced again from the start.
      if (job.next_byte > 0 || job.slices > 0) {
        drop(id);
        job.next_byte = 0;
        job.slices = 0;
      }
      staging.clear();
      const bytes = load(id);
      if (!bytes) {
        forget.run(id);
        current = undefined;
        return 1;
      }
      current = { id, bytes, copiedUpTo: '' };
    }
    const { bytes } = current;
    let at = job.next_byte;
    let slices = job.slices;
    let done = 0;
    const items = Math.max(1, max);
    while (done < items && at < bytes.length && slices < SLICE_SHIFT) {
      const end = sliceEnd(bytes, at);
      const text = sliceText(bytes.subarray(at, end));
      if (text === null) {
        // Not text after all: like any binary body, it is not indexed.
        drop(id);
        advance.run(bytes.length, 0, 1, id);
        staging.clear();
        current = undefined;
        return done + 1;
      }
      insertSlice.run(id * SLICE_SHIFT + slices, text);
      staging.add(text);
      slices++;
      done++;
      at = end;
    }
    if (done > 0) {
      mergeSome();
      advance.run(at, slices, 0, id);
      return done;
    }
    // Every slice is in: its terms go into the vocabulary, a sorted run per item; then it is done.
    while (done < items) {
      const last = staging.copy(current.copiedUpTo, STAGED_TERMS_PER_ITEM);
      done++;
      if (last === null) {
        advance.run(at, slices, 1, id);
        staging.clear();
        current = undefined;
        return done;
      }
      current.copiedUpTo = last;
    }
    return done;
  });

  /**
   * One step in one transaction. A transaction that fails (SQLITE_BUSY beside
   * the checkpointer, a full disk) rolls back the slices, the staged terms (a
   * temp table: part of the same transaction) and the job's progress alike, so
   * the in-memory position goes back with them and the next step redoes it.
   */
  function step(max: number): number {
    const before = current && { ...current };
    try {
      return stepInTransaction(max);
    } catch (error) {
      current = before;
      throw error;
    }
  }

  return {
    /** Queues a stored capture's body for slicing; run inside the indexer's transaction. */
    enqueue(id: number): void {
      enqueueRow.run(id);
    },
    step,
    /** Captures up to `upto` whose bodies are queued or half done: search reads these directly. */
    unfinished(upto: number): number[] {
      return unfinished.all(upto).map((r) => r.capture_id);
    },
    /** True when this capture's body is (being) indexed in slices. */
    isSliced(id: number): boolean {
      return isDone.get(id) !== undefined;
    },
    /** True once any body has been indexed in slices (most histories have none: search skips this part). */
    anyDone(): boolean {
      return anyDone.get() !== undefined;
    },
    /** How many bodies are queued or half done. */
    pending(): number {
      return countUnfinished.get()?.n ?? 0;
    },
    /**
     * Ids (at most `upto`, newest first) of captures whose slicing is done
     * and which hold every term, each given as its own FTS query: somewhere in
     * their slices or in their own row (path, headers). A term may be in one
     * slice and the next in another, so each term is looked up on its own.
     */
    matching(termQueries: string[], upto: number): number[] {
      if (termQueries.length === 0) return [];
      const perTerm = termQueries.map(
        (q) => new Set(sliceMatch.all(q, (upto + 1) * SLICE_SHIFT).map((r) => Math.floor(r.rowid / SLICE_SHIFT))),
      );
      const candidates = new Set<number>();
      for (const set of perTerm) for (const id of set) candidates.add(id);
      const found: number[] = [];
      for (const id of [...candidates].sort((a, b) => b - a)) {
        if (isDone.get(id)?.done !== 1) continue;
        if (termQueries.every((q, i) => perTerm[i].has(id) || mainMatch.get(q, id) !== undefined)) found.push(id);
      }
      return found;
    },
  };
}
