import type { Database } from 'better-sqlite3';
import { HookscopeError } from '../../shared/errors';
import type { HeaderPair } from '../../shared/capture-types';
import type { ReplayErrorKind, ReplayKind, ReplaySummary, ReplayView, ResignInfo } from '../../shared/replay-types';
import { RECORDED_RESPONSE_COLUMNS, recordedResponseParams, type RecordedResponse } from './recorded-response';
import { bytes, type Row } from './sqlite-values';

/** A replay or forward as the store keeps it: bodies as bytes, times as epoch ms. */
export interface NewReplay extends RecordedResponse<ReplayErrorKind> {
  captureId: number;
  kind: ReplayKind;
  sentAt: number;
  url: string;
  request: { method: string; headers: HeaderPair[]; body: Uint8Array };
  resigned: ResignInfo | null;
  edited: boolean;
  warnings: string[];
}

export interface StoredReplay extends NewReplay {
  id: number;
  request: { method: string; headers: HeaderPair[]; body: Buffer };
  responseBody: Buffer;
}

function parse<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function toStored(row: Row): StoredReplay {
  return {
    id: row.id,
    captureId: row.capture_id,
    kind: row.kind,
    sentAt: row.sent_at,
    url: row.url,
    request: {
      method: row.request_method,
      headers: parse<HeaderPair[]>(row.request_headers, []),
      body: row.request_body,
    },
    resigned: parse<ResignInfo | null>(row.resigned, null),
    edited: row.edited === 1,
    warnings: parse<string[]>(row.warnings, []),
    status: row.response_status,
    responseHeaders: parse<HeaderPair[]>(row.response_headers, []),
    responseBody: row.response_body,
    responseSize: row.response_size,
    durationMs: row.duration_ms,
    ok: row.ok === 1,
    errorKind: row.error_kind,
    errorMessage: row.error_message,
  };
}

export function toReplayView(r: StoredReplay): ReplayView {
  return {
    id: r.id,
    captureId: r.captureId,
    kind: r.kind,
    sentAt: new Date(r.sentAt).toISOString(),
    url: r.url,
    request: {
      method: r.request.method,
      headers: r.request.headers,
      bodyBase64: r.request.body.toString('base64'),
      bodySize: r.request.body.length,
    },
    resigned: r.resigned,
    edited: r.edited,
    warnings: r.warnings,
    response: {
      status: r.status,
      headers: r.responseHeaders,
      bodyBase64: r.responseBody.toString('base64'),
      bodySize: r.responseSize,
    },
    durationMs: r.durationMs,
    ok: r.ok,
    errorKind: r.errorKind,
    errorMessage: r.errorMessage,
  };
}

export function toReplaySummary(r: StoredReplay): ReplaySummary {
  return {
    id: r.id,
    captureId: r.captureId,
    kind: r.kind,
    sentAt: new Date(r.sentAt).toISOString(),
    url: r.url,
    method: r.request.method,
    status: r.status,
    ok: r.ok,
    errorKind: r.errorKind,
    durationMs: r.durationMs,
  };
}

export type ReplayRepo = ReturnType<typeof createReplayRepo>;

/** All SQL about replays and forwards. */
export function createReplayRepo(db: Database) {
  const insert =
    db.prepare(`INSERT INTO replays (capture_id, kind, sent_at, url, request_method, request_headers, request_body,
      resigned, edited, warnings, ${RECORDED_RESPONSE_COLUMNS.join(', ')})
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ${RECORDED_RESPONSE_COLUMNS.map(() => '?').join(', ')})`);
  const byId = db.prepare('SELECT * FROM replays WHERE id = ?');
  const byCapture = db.prepare('SELECT * FROM replays WHERE capture_id = ? ORDER BY id');

  function add(r: NewReplay): number {
    const result = insert.run(
      r.captureId,
      r.kind,
      r.sentAt,
      r.url,
      r.request.method,
      JSON.stringify(r.request.headers),
      bytes(r.request.body),
      r.resigned ? JSON.stringify(r.resigned) : null,
      r.edited ? 1 : 0,
      JSON.stringify(r.warnings),
      ...recordedResponseParams(r),
    );
    return Number(result.lastInsertRowid);
  }

  function find(id: number): StoredReplay | undefined {
    const row = byId.get(id) as Row | undefined;
    return row ? toStored(row) : undefined;
  }

  return {
    add,
    find,
    get(id: number): StoredReplay {
      const found = find(id);
      if (!found) throw new HookscopeError('REPLAY_NOT_FOUND', `no replay with id ${id}`, { id });
      return found;
    },
    /** A capture's replays and forwards, oldest first. */
    ofCapture(captureId: number): StoredReplay[] {
      return (byCapture.all(captureId) as Row[]).map(toStored);
    },
  };
}
