import type { Database } from 'better-sqlite3';
import { HookscopeError } from '../../shared/errors';
import type { CaptureDetail, CaptureResponse, CaptureSummary, HeaderPair } from '../../shared/capture-types';
import type { SignatureVerdict } from '../../shared/providers';
import { EVENT_TYPES_LIKE_SQL, filterWhere, likePrefix, type CaptureFilter } from './capture-filter';

/** A request as the capture server hands it to the store. */
export interface NewCapture {
  endpointId: number;
  receivedAt: number;
  method: string;
  url: string;
  path: string;
  query: string;
  httpVersion: string;
  remoteAddress: string | null;
  remotePort: number | null;
  headers: HeaderPair[];
  /** The stored bytes: the whole body, or its first 64 KiB when truncated. */
  body: Buffer;
  /** Bytes received, which exceeds body.length when truncated. */
  bodySize: number;
  bodySha256: string;
  truncated: boolean;
  error: string | null;
  response: CaptureResponse;
}

/** A row as stored, with the body; what analysis and export read. */
export interface StoredCapture extends Omit<NewCapture, 'response'> {
  id: number;
  endpoint: string;
  response: CaptureResponse | null;
  provider: string | null;
  eventType: string | null;
  signatureStatus: string | null;
  signature: unknown;
  staleVerdict: boolean;
}

interface CaptureRow {
  id: number;
  endpoint_id: number;
  slug: string;
  received_at: number;
  method: string;
  url: string;
  path: string;
  query: string;
  http_version: string;
  remote_address: string | null;
  remote_port: number | null;
  headers: string;
  body: Buffer;
  body_size: number;
  body_sha256: string;
  truncated: number;
  error: string | null;
  response_status: number | null;
  response: string | null;
  provider: string | null;
  event_type: string | null;
  signature_status: string | null;
  signature: string | null;
  stale_verdict: number;
}

/** The answer given when a rule has no body of its own: it names the capture. */
export function defaultResponseBody(id: number): string {
  return `{"ok":true,"id":${id}}`;
}

/** Stored responses keep body null for the default body; this restores it. */
export function resolveResponse(id: number, response: CaptureResponse | null): CaptureResponse | null {
  if (response?.kind === 'answered' && response.body === null) return { ...response, body: defaultResponseBody(id) };
  return response;
}

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toStored(row: CaptureRow): StoredCapture {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    endpoint: row.slug,
    receivedAt: row.received_at,
    method: row.method,
    url: row.url,
    path: row.path,
    query: row.query,
    httpVersion: row.http_version,
    remoteAddress: row.remote_address,
    remotePort: row.remote_port,
    headers: parseJson<HeaderPair[]>(row.headers, []),
    body: row.body,
    bodySize: row.body_size,
    bodySha256: row.body_sha256,
    truncated: row.truncated === 1,
    error: row.error,
    response: resolveResponse(row.id, parseJson<CaptureResponse | null>(row.response, null)),
    provider: row.provider,
    eventType: row.event_type,
    signatureStatus: row.signature_status,
    signature: parseJson<unknown>(row.signature, null),
    staleVerdict: row.stale_verdict === 1,
  };
}

/** The fields every outward form of a capture shares (show --json, the API, NDJSON export), in one place. */
export function captureWireFields(c: StoredCapture) {
  return {
    id: c.id,
    endpoint: c.endpoint,
    receivedAt: new Date(c.receivedAt).toISOString(),
    method: c.method,
    url: c.url,
    path: c.path,
    query: c.query,
    httpVersion: c.httpVersion,
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    headers: c.headers,
    bodyBase64: c.body.toString('base64'),
    bodySize: c.bodySize,
    bodySha256: c.bodySha256,
    truncated: c.truncated,
    error: c.error,
  };
}

export function toDetail(c: StoredCapture): CaptureDetail {
  const response = c.response ?? { kind: 'none' as const, reason: 'no response recorded' };
  return {
    ...captureWireFields(c),
    bodyStoredSize: c.body.length,
    response: { ...response, status: response.kind === 'answered' ? response.status : null },
    provider: c.provider,
    eventType: c.eventType,
    signature: (c.signature as SignatureVerdict | null) ?? null,
  };
}

const SUMMARY_COLUMNS = `c.id, e.slug, c.received_at, c.method, c.path, c.query, c.body_size, c.truncated,
  c.response_status, c.provider, c.event_type, c.signature_status`;

interface SummaryRow {
  id: number;
  slug: string;
  received_at: number;
  method: string;
  path: string;
  query: string;
  body_size: number;
  truncated: number;
  response_status: number | null;
  provider: string | null;
  event_type: string | null;
  signature_status: string | null;
}

export function toSummary(row: SummaryRow): CaptureSummary {
  return {
    id: row.id,
    endpoint: row.slug,
    receivedAt: new Date(row.received_at).toISOString(),
    method: row.method,
    path: row.path,
    query: row.query,
    bodySize: row.body_size,
    truncated: row.truncated === 1,
    responseStatus: row.response_status,
    provider: row.provider,
    eventType: row.event_type,
    signatureStatus: row.signature_status,
  };
}

export interface ListFilter extends CaptureFilter {
  limit?: number;
}

/** A new capture's id: above every id stored and every id ever deleted (migration 016), so ids never repeat. */
export const NEXT_CAPTURE_ID_SQL = `SELECT max(coalesce((SELECT max(id) FROM captures), 0),
  coalesce((SELECT floor FROM capture_id_floor WHERE id = 1), 0)) + 1`;

/** One capture row, for the capture writer and the import alike (its id from NEXT_CAPTURE_ID_SQL). */
export const INSERT_CAPTURE_SQL = `INSERT INTO captures (id, endpoint_id, received_at, method, url, path, query, http_version,
      remote_address, remote_port, headers, body, body_size, body_sha256, truncated, error, response_status, response)
    VALUES ((${NEXT_CAPTURE_ID_SQL}), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** The values INSERT_CAPTURE_SQL binds, in its order. */
export function insertCaptureParams(c: NewCapture): unknown[] {
  const status = c.response.kind === 'answered' ? c.response.status : null;
  return [
    c.endpointId,
    c.receivedAt,
    c.method,
    c.url,
    c.path,
    c.query,
    c.httpVersion,
    c.remoteAddress,
    c.remotePort,
    JSON.stringify(c.headers),
    c.body,
    c.bodySize,
    c.bodySha256,
    c.truncated ? 1 : 0,
    c.error,
    status,
    responseJson(c.response),
  ];
}

/** A frozen response (a rule's shared answer, capture/rules.ts) is serialized once; any other each time. */
const frozenResponses = new WeakMap<CaptureResponse, string>();

function responseJson(response: CaptureResponse): string {
  if (!Object.isFrozen(response)) return JSON.stringify(response);
  let json = frozenResponses.get(response);
  if (json === undefined) {
    json = JSON.stringify(response);
    frozenResponses.set(response, json);
  }
  return json;
}

export type CaptureRepo = ReturnType<typeof createCaptureRepo>;

/** All SQL about captures. Inserts come in batches, one transaction each. */
export function createCaptureRepo(db: Database) {
  const insert = db.prepare(INSERT_CAPTURE_SQL);
  const selectOne = db.prepare<[number], CaptureRow>(
    `SELECT c.*, e.slug FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE c.id = ?`,
  );

  const updateResponse = db.prepare('UPDATE captures SET response = ?, response_status = ? WHERE id = ?');
  const eventTypesLike = db.prepare<{ provider: string; pattern: string }, { v: string }>(EVENT_TYPES_LIKE_SQL);

  /** A provider's event-type prefix as the exact types it matches (capture-filter.ts: eventTypes), for the list's query plan. */
  function withEventTypes(filter: ListFilter): ListFilter {
    if (!filter.provider || !filter.eventType || filter.eventTypes !== undefined) return filter;
    const types = eventTypesLike.all({
      provider: filter.provider.toLowerCase(),
      pattern: likePrefix(filter.eventType),
    });
    return { ...filter, eventTypes: types.map((t) => t.v) };
  }

  function insertOne(c: NewCapture): number {
    return Number(insert.run(...insertCaptureParams(c)).lastInsertRowid);
  }

  /** Begun IMMEDIATE: a batch that must commit waits out another connection's lock (docs/architecture.md). */
  const insertBatch = db.transaction((rows: NewCapture[], alongside?: () => void): number[] => {
    const ids = rows.map(insertOne);
    alongside?.();
    return ids;
  });

  return {
    /** Inserts all rows in one transaction, with `alongside` (other writes) in it too; returns their ids in order. */
    insertMany(rows: NewCapture[], alongside?: () => void): number[] {
      return insertBatch.immediate(rows, alongside);
    },
    /** Records the response actually given, when it differs from the planned one. */
    setResponse(id: number, response: CaptureResponse): void {
      const status = response.kind === 'answered' ? response.status : null;
      updateResponse.run(JSON.stringify(response), status, id);
    },
    find(id: number): StoredCapture | undefined {
      const row = selectOne.get(id);
      return row ? toStored(row) : undefined;
    },
    get(id: number): StoredCapture {
      const row = selectOne.get(id);
      if (!row) throw new HookscopeError('CAPTURE_NOT_FOUND', `no capture with id ${id}`, { id });
      return toStored(row);
    },
    list(filter: ListFilter = {}): CaptureSummary[] {
      const { where, args } = filterWhere(withEventTypes(filter));
      // Paging towards newer captures alone takes the ones just above the id, then lists them newest first like every page.
      const upward = filter.afterId !== undefined && filter.beforeId === undefined;
      const sql = `SELECT ${SUMMARY_COLUMNS} FROM captures c JOIN endpoints e ON e.id = c.endpoint_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.id ${upward ? 'ASC' : 'DESC'} LIMIT ?`;
      args.push(Math.max(1, Math.min(filter.limit ?? 50, 10_000)));
      const rows = (db.prepare(sql).all(...args) as SummaryRow[]).map(toSummary);
      return upward ? rows.reverse() : rows;
    },
    summariesByIds(ids: number[]): CaptureSummary[] {
      if (ids.length === 0) return [];
      const rows = db
        .prepare(
          `SELECT ${SUMMARY_COLUMNS} FROM captures c JOIN endpoints e ON e.id = c.endpoint_id
          WHERE c.id IN (${ids.map(() => '?').join(',')}) ORDER BY c.id DESC`,
        )
        .all(...ids) as SummaryRow[];
      return rows.map(toSummary);
    },
    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM captures').get() as { n: number }).n;
    },
    maxId(): number {
      return (db.prepare('SELECT coalesce(max(id), 0) AS n FROM captures').get() as { n: number }).n;
    },
    /** Capture ids in (after, upto], oldest first, at most `limit` (a rowid range). */
    idsBetween(after: number, upto: number, limit: number): number[] {
      return (
        db.prepare('SELECT id FROM captures WHERE id > ? AND id <= ? ORDER BY id LIMIT ?').all(after, upto, limit) as {
          id: number;
        }[]
      ).map((r) => r.id);
    },
  };
}
