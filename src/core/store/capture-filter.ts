import type { CaptureFilter as ApiCaptureFilter } from '../../shared/capture-filter';

/**
 * The WHERE clause of a capture filter, shared by the list and by deletion so
 * that "delete what the list shows" deletes exactly those captures. Columns
 * are those of `captures c JOIN endpoints e ON e.id = c.endpoint_id`.
 */
/** The API's capture filter (src/shared/capture-filter.ts), matched as described below, with paging and narrowing the store adds. */
export interface CaptureFilter extends ApiCaptureFilter {
  /** Case-insensitive: provider ids are lower case, so "Prynt" finds "prynt". */
  provider?: string;
  /** Case-insensitive prefix: "verdict" finds "verdict", "verdict.created", "Verdict.x". */
  eventType?: string;
  /** Only ids below this (keyset paging, newest first). */
  beforeId?: number;
  /** Only ids above this (keyset paging towards newer captures). */
  afterId?: number;
  /** Only captures received at or after this time (epoch ms). */
  since?: number;
  /** Only captures received before this time (epoch ms). */
  until?: number;
  /** Only these ids (a full-text search's matches); an empty list matches nothing. */
  ids?: number[];
  /**
   * The event types `eventType` matches, already looked up (eventTypesLike below), in its place: one type
   * walks the captures_by_provider index in id order, where a LIKE on that column sorts every capture of the
   * provider (99,581 of 1,000,000 in the bench: 60 ms). An empty list matches nothing.
   */
  eventTypes?: string[];
}

/**
 * The distinct event types of one provider that a case-insensitive prefix matches, read by skipping through
 * the captures_by_provider index (one seek per type, not one row per capture). Binds `provider` and `pattern`
 * (likePrefix of the typed value).
 */
export const EVENT_TYPES_LIKE_SQL = `WITH RECURSIVE t(v) AS (
    SELECT min(event_type) FROM captures WHERE provider = @provider
    UNION ALL
    SELECT (SELECT min(event_type) FROM captures WHERE provider = @provider AND event_type > t.v) FROM t WHERE t.v IS NOT NULL
  ) SELECT v FROM t WHERE v LIKE @pattern ESCAPE '\\'`;

/** `value` as a LIKE pattern matching itself literally, then anything. */
export function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function filterWhere(filter: CaptureFilter): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.endpoint) {
    where.push('e.slug = ?');
    args.push(filter.endpoint);
  }
  // Equality on the lower-cased value keeps the captures_by_provider index usable.
  if (filter.provider) {
    where.push('c.provider = ?');
    args.push(filter.provider.toLowerCase());
  }
  if (filter.eventTypes !== undefined) {
    if (filter.eventTypes.length === 1) {
      where.push('c.event_type = ?');
      args.push(filter.eventTypes[0]);
    } else {
      where.push('c.event_type IN (SELECT value FROM json_each(?))');
      args.push(JSON.stringify(filter.eventTypes));
    }
  } else if (filter.eventType) {
    // LIKE is case-insensitive for ASCII letters in SQLite.
    where.push(`c.event_type LIKE ? ESCAPE '\\'`);
    args.push(likePrefix(filter.eventType));
  }
  if (filter.method) {
    const method = filter.method.toUpperCase();
    where.push('c.method = ?');
    args.push(method);
    // Spelled out so that SQLite can use the partial index of methods other than POST (migration 009).
    if (method !== 'POST') where.push(`c.method <> 'POST'`);
  }
  if (filter.signatureStatus) {
    where.push('c.signature_status = ?');
    args.push(filter.signatureStatus);
  }
  if (filter.beforeId !== undefined) {
    where.push('c.id < ?');
    args.push(filter.beforeId);
  }
  if (filter.afterId !== undefined) {
    where.push('c.id > ?');
    args.push(filter.afterId);
  }
  if (filter.since !== undefined) {
    where.push('c.received_at >= ?');
    args.push(filter.since);
  }
  if (filter.until !== undefined) {
    where.push('c.received_at < ?');
    args.push(filter.until);
  }
  // Any number of ids in one parameter (a search can match more than SQLite's variable limit).
  if (filter.ids !== undefined) {
    where.push('c.id IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify(filter.ids));
  }
  return { where, args };
}
