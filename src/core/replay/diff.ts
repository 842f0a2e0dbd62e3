import { createHash } from 'node:crypto';
import type { BodyDiff, CaptureDiff } from '../../shared/replay-types';
import { decodeBody, isText } from '../capture/decode';
import type { StoredCapture } from '../store/captures';
import { diffHeaders } from './header-diff';
import { diffJson } from './json-diff';
import { diffLines } from './line-diff';

function parseJson(bytes: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (!isText(bytes)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Body changes: none when the bytes are equal; JSON paths when both are JSON
 * and differ in value; a line diff when both are text (and for JSON equal in
 * value but not in bytes: re-serialized, re-ordered, re-spaced, which breaks
 * signatures); sizes and digests for binary.
 */
export function diffBodies(a: Buffer, b: Buffer): BodyDiff {
  if (a.equals(b)) return { kind: 'equal', size: a.length };
  const ja = parseJson(a);
  const jb = parseJson(b);
  if (ja.ok && jb.ok) {
    const changes = diffJson(ja.value, jb.value);
    if (changes.length > 0) return { kind: 'json', changes };
  }
  if (isText(a) && isText(b)) {
    const lines = diffLines(a.toString('utf8'), b.toString('utf8'));
    return { kind: 'text', lines, added: lines.filter((l) => l.op === '+').length, removed: lines.filter((l) => l.op === '-').length };
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
  return {
    a: a.id,
    b: b.id,
    request,
    headers: diffHeaders(a.headers, b.headers),
    body: diffBodies(da.bytes, db.bytes),
    decoded: da.decoded.length > 0 || db.decoded.length > 0,
  };
}
