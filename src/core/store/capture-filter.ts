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
}

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
  // LIKE is case-insensitive for ASCII letters in SQLite.
  if (filter.eventType) {
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
