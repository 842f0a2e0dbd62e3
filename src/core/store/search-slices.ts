import type { Database } from 'better-sqlite3';
import type { HeaderPair } from '../../shared/capture-types';
import type { SearchVocab } from './search-vocab';

/** Bodies larger than this (stored bytes, or decoded text) are indexed in slices (migration 010). */
export const SLICE_THRESHOLD = 64 * 1024;
/** Bytes of decoded body per slice: a few milliseconds of FTS and vocabulary work, even when every word is new. */
export const SLICE_BYTES = 8 * 1024;
/** A slice's rowid in captures_fts_slices is capture id * 2^20 + slice number. */
export const SLICE_SHIFT = 2 ** 20;

/** The decoded bytes of a body (Content-Encoding undone), injected so the store does not decode. */
export type DecodeBody = (row: { headers: HeaderPair[]; body: Buffer }) => Buffer;

const isAsciiSeparator = (b: number) => b < 0x80 && !((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a));

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
export function createSearchSlices(db: Database, vocab: SearchVocab, decode: DecodeBody) {
  const enqueueRow = db.prepare('INSERT OR IGNORE INTO search_slices (capture_id) VALUES (?)');
  const nextJob = db.prepare<[], { capture_id: number; next_byte: number; slices: number }>(
    'SELECT capture_id, next_byte, slices FROM search_slices WHERE done = 0 ORDER BY capture_id LIMIT 1',
  );
  const loadBody = db.prepare<[number], { headers: string; body: Buffer }>('SELECT headers, body FROM captures WHERE id = ?');
  const insertSlice = db.prepare('INSERT INTO captures_fts_slices (rowid, body) VALUES (?, ?)');
  const advance = db.prepare('UPDATE search_slices SET next_byte = ?, slices = ?, done = ? WHERE capture_id = ?');
  const dropSlices = db.prepare('DELETE FROM captures_fts_slices WHERE rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)');
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
  const mainMatch = db.prepare<[string, number], { one: number }>(
    'SELECT 1 AS one FROM captures_fts WHERE captures_fts MATCH ? AND rowid = CAST(? AS INTEGER)',
  );

  /** The body being sliced, decoded once and kept while its slices are indexed. */
  let current: { id: number; bytes: Buffer } | undefined;

  function bytesOf(id: number): Buffer | undefined {
    if (current?.id === id) return current.bytes;
    const row = loadBody.get(id);
    if (!row) return undefined;
    let headers: HeaderPair[] = [];
    try {
      headers = JSON.parse(row.headers) as HeaderPair[];
    } catch {
      headers = [];
    }
    current = { id, bytes: decode({ headers, body: row.body }) };
    return current.bytes;
  }

  /** Indexes up to `max` slices of the oldest queued body; returns how many it did. */
  const step = db.transaction((max: number): number => {
    const job = nextJob.get();
    if (!job) {
      current = undefined;
      return 0;
    }
    const id = job.capture_id;
    const bytes = bytesOf(id);
    if (!bytes) {
      forget.run(id);
      return 1;
    }
    let at = job.next_byte;
    let slices = job.slices;
    let done = 0;
    while (done < Math.max(1, max) && at < bytes.length) {
      const end = sliceEnd(bytes, at);
      const text = sliceText(bytes.subarray(at, end));
      if (text === null) {
        // Not text after all: like any binary body, it is not indexed (terms already in the vocabulary do no harm).
        dropSlices.run(id * SLICE_SHIFT, id * SLICE_SHIFT + SLICE_SHIFT - 1);
        advance.run(bytes.length, 0, 1, id);
        current = undefined;
        return done + 1;
      }
      insertSlice.run(id * SLICE_SHIFT + slices, text);
      vocab.add([{ path: '', headers: '', body: text }]);
      slices++;
      done++;
      at = end;
    }
    const finished = at >= bytes.length || slices >= SLICE_SHIFT;
    advance.run(at, slices, finished ? 1 : 0, id);
    if (finished) current = undefined;
    return done;
  });

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
      if (termQueries.length === 0 || !anyDone.get()) return [];
      const perTerm = termQueries.map((q) => new Set(sliceMatch.all(q, (upto + 1) * SLICE_SHIFT).map((r) => Math.floor(r.rowid / SLICE_SHIFT))));
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
