import { createHash } from 'node:crypto';
import { HookscopeError } from '../../shared/errors';
import { jsonNestingDepth, MAX_JSON_DEPTH } from '../../shared/json-depth';
import type { ImportItem } from './import-plan';
import {
  captureRecordSchema,
  endpointRecordSchema,
  firstIssue,
  headerRecordSchema,
  type CaptureRecord,
  type EndpointRecord,
} from './import-records';

/**
 * Reading an NDJSON export (ndjson.ts writes it) one line at a time: each line
 * is depth-checked before JSON.parse meets it, validated field by field, and
 * its body checked against the size and SHA-256 the line claims.
 */

export function invalidLine(line: number, message: string): HookscopeError {
  return new HookscopeError('IMPORT_INVALID', `line ${line}: ${message}; nothing was imported`, { line });
}

/** What the lines read so far have established. */
export interface NdjsonState {
  sawHeader: boolean;
  /** Capture ids seen: an id twice means the file was spliced or altered. */
  seen: Set<number>;
  endpoints: Map<string, EndpointRecord>;
}

export function newNdjsonState(): NdjsonState {
  return { sawHeader: false, seen: new Set(), endpoints: new Map() };
}

/** Parses one line's JSON, refusing nesting past MAX_JSON_DEPTH first (JSON.parse and everything after it recurse). */
export function parseLine(raw: string, line: number): unknown {
  if (jsonNestingDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    throw invalidLine(line, `the record nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(raw);
  } catch (error) {
    throw invalidLine(
      line,
      `not JSON (${(error as Error).message.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?').slice(0, 120)})`,
    );
  }
}

function toItem(record: CaptureRecord, line: number): ImportItem {
  const what = `capture ${record.id}`;
  const body = Buffer.from(record.bodyBase64, 'base64');
  if (createHash('sha256').update(body).digest('hex') !== record.bodySha256) {
    throw invalidLine(line, `${what}: bodySha256 does not match bodyBase64 (the file was altered or damaged)`);
  }
  if (record.truncated ? record.bodySize < body.length : record.bodySize !== body.length) {
    throw invalidLine(
      line,
      `${what}: bodySize ${record.bodySize} does not match the ${body.length} bytes of bodyBase64${record.truncated ? ' (a truncated body is never larger than its size)' : ''}`,
    );
  }
  const replays = record.replays.map((r, i) => {
    const responseBody = Buffer.from(r.response.bodyBase64, 'base64');
    if (r.response.size < responseBody.length) {
      throw invalidLine(
        line,
        `${what}: replays.${i}.response.size ${r.response.size} is less than the ${responseBody.length} bytes of its body`,
      );
    }
    return {
      kind: r.kind,
      sentAt: Date.parse(r.sentAt),
      url: r.url,
      request: {
        method: r.request.method,
        headers: r.request.headers,
        body: Buffer.from(r.request.bodyBase64, 'base64'),
      },
      resigned: r.resigned,
      edited: r.edited,
      warnings: r.warnings,
      status: r.response.status,
      responseHeaders: r.response.headers,
      responseBody,
      responseSize: r.response.size,
      durationMs: r.durationMs,
      ok: r.ok,
      errorKind: r.errorKind,
      errorMessage: r.errorMessage,
    };
  });
  return {
    sourceId: record.id,
    endpoint: record.endpoint,
    capture: {
      receivedAt: Date.parse(record.receivedAt),
      method: record.method,
      url: record.url,
      path: record.path,
      query: record.query,
      httpVersion: record.httpVersion,
      remoteAddress: record.remoteAddress,
      remotePort: record.remotePort,
      headers: record.headers,
      body,
      bodySize: record.bodySize,
      bodySha256: record.bodySha256,
      truncated: record.truncated,
      error: record.error,
      response: record.response ?? { kind: 'none', reason: 'no response recorded' },
    },
    replays,
  };
}

/**
 * One line of an export: the header first, then endpoints and captures. A
 * blank line is skipped. Returns the capture it holds, if any; endpoints go
 * into the state. Throws IMPORT_INVALID naming the line and the field.
 */
export function readNdjsonLine(raw: string, line: number, state: NdjsonState): ImportItem | undefined {
  if (raw.trim() === '') return undefined;
  const value = parseLine(raw, line);
  if (!state.sawHeader) {
    const header = headerRecordSchema.safeParse(value);
    if (!header.success) throw invalidLine(line, `not a Hookscope export header (${firstIssue(header.error)})`);
    state.sawHeader = true;
    return undefined;
  }
  const type =
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as { type?: unknown }).type
      : undefined;
  if (type === 'endpoint') {
    const parsed = endpointRecordSchema.safeParse(value);
    if (!parsed.success) throw invalidLine(line, `endpoint: ${firstIssue(parsed.error)}`);
    state.endpoints.set(parsed.data.slug, parsed.data);
    return undefined;
  }
  if (type === 'capture') {
    const parsed = captureRecordSchema.safeParse(value);
    if (!parsed.success) throw invalidLine(line, `capture: ${firstIssue(parsed.error)}`);
    if (state.seen.has(parsed.data.id)) throw invalidLine(line, `capture ${parsed.data.id} appears twice`);
    state.seen.add(parsed.data.id);
    return toItem(parsed.data, line);
  }
  throw invalidLine(
    line,
    `unknown record type ${typeof type === 'string' ? JSON.stringify(type.slice(0, 40)).replace(/[\u007f-\u009f]/g, '?') : `(${type === undefined ? 'none' : typeof type})`}`,
  );
}
