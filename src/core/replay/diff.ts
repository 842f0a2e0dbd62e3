import { createHash } from 'node:crypto';
import { HookscopeError } from '../../shared/errors';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/json-depth';
import type { BodyDiff, CaptureDiff } from '../../shared/replay-types';
import { decodeBody, isText } from '../capture/decode';
import type { StoredCapture } from '../store/captures';
import { diffHeaders } from './header-diff';
import { diffJson } from './json-diff';
import { boundedLineDiff } from './line-diff';

/** Bodies larger than this are compared line by line only: parsing and walking two such JSON documents would hold up capture. */
export const MAX_JSON_DIFF_BYTES = 4 * 1024 * 1024;

type Parsed = { ok: true; value: unknown } | { ok: false; tooDeep?: true };

function looksJson(text: string): boolean {
  const start = text.trimStart()[0];
  return start === '{' || start === '[';
}

/** JSON, refused (tooDeep) before parsing when it nests past MAX_JSON_DEPTH: everything after the parse walks it. */
function parseJson(text: string | null): Parsed {
  if (text === null) return { ok: false };
  if (looksJson(text) && jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    try {
      JSON.parse(text);
      return { ok: false, tooDeep: true };
    } catch {
      return { ok: false };
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Body changes: none when the bytes are equal; JSON paths when both are JSON
 * and differ in value; a line diff when both are text (and for JSON equal in
 * value but not in bytes: re-serialized, re-ordered, re-spaced, which breaks
 * signatures); sizes and digests for binary. Bounded (see diffJson and
 * boundedLineDiff); JSON nested deeper than MAX_JSON_DEPTH is INPUT_TOO_DEEP.
 */
export function diffBodies(a: Buffer, b: Buffer, names: [string, string] = ['A', 'B']): BodyDiff {
  if (a.equals(b)) return { kind: 'equal', size: a.length };
  const ta = isText(a) ? a.toString('utf8') : null;
  const tb = isText(b) ? b.toString('utf8') : null;
  const structured = a.length <= MAX_JSON_DIFF_BYTES && b.length <= MAX_JSON_DIFF_BYTES;
  const ja = structured ? parseJson(ta) : { ok: false as const };
  const jb = structured ? parseJson(tb) : { ok: false as const };
  // Too-deep JSON against JSON is refused; against anything else it is only text, and a line diff is safe.
  const deepA = !ja.ok && ja.tooDeep === true;
  const deepB = !jb.ok && jb.tooDeep === true;
  if ((deepA && (jb.ok || deepB)) || (deepB && ja.ok)) {
    const which = deepA ? names[0] : names[1];
    throw new HookscopeError(
      'INPUT_TOO_DEEP',
      `The body of ${which} is JSON nested deeper than ${MAX_JSON_DEPTH} levels; diff compares JSON up to that depth.`,
      { maxDepth: MAX_JSON_DEPTH },
    );
  }
  if (ja.ok && jb.ok) {
    const json = diffJson(ja.value, jb.value);
    if (json.changes.length > 0 || json.more > 0 || json.partial !== undefined) return { kind: 'json', ...json };
  }
  if (ta !== null && tb !== null) {
    const lines = boundedLineDiff(ta, tb);
    if (!structured && (looksJson(ta) || looksJson(tb))) {
      const why = `bodies over ${MAX_JSON_DIFF_BYTES / 1024 / 1024} MiB are compared line by line, not as JSON`;
      lines.partial = lines.partial ? `${why}; ${lines.partial}` : why;
    }
    return { kind: 'text', ...lines };
  }
  return { kind: 'binary', sizeA: a.length, sizeB: b.length, sha256A: sha(a), sha256B: sha(b) };
}

/** What changed from capture A to capture B: request line, headers (duplicates in order), body (after undoing Content-Encoding). */
export function diffCaptures(a: StoredCapture, b: StoredCapture): CaptureDiff {
  const request: CaptureDiff['request'] = [];
  for (const field of ['endpoint', 'method', 'path', 'query'] as const) {
    if (a[field] !== b[field]) request.push({ field, before: a[field], after: b[field] });
  }
  const da = decodeBody(a.headers, a.body);
  const db = decodeBody(b.headers, b.body);
  const headers = diffHeaders(a.headers, b.headers);
  return {
    a: a.id,
    b: b.id,
    request,
    headers: headers.changes,
    headersMore: headers.more,
    body: diffBodies(da.bytes, db.bytes, [`capture ${a.id}`, `capture ${b.id}`]),
    decoded: da.decoded.length > 0 || db.decoded.length > 0,
  };
}
