/**
 * The WHERE clause of a capture filter, shared by the list and by deletion so
 * that "delete what the list shows" deletes exactly those captures. Columns
 * are those of `captures c JOIN endpoints e ON e.id = c.endpoint_id`.
 */
export interface CaptureFilter {
  endpoint?: string;
  /** Case-insensitive: provider ids are lower case, so "Prynt" finds "prynt". */
  provider?: string;
  /** Case-insensitive prefix: "verdict" finds "verdict", "verdict.created", "Verdict.x". */
  eventType?: string;
  method?: string;
  signatureStatus?: string;
  /** Only ids below this (keyset paging, newest first). */
  beforeId?: number;
}

/** `value` as a LIKE pattern matching itself literally, then anything. */
export function likePrefix(value: string): string {
  return `${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function filterWhere(filter: CaptureFilter): { where: string[]; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.endpoint) (where.push('e.slug = ?'), args.push(filter.endpoint));
  // Equality on the lower-cased value keeps the captures_by_provider index usable.
  if (filter.provider) (where.push('c.provider = ?'), args.push(filter.provider.toLowerCase()));
  // LIKE is case-insensitive for ASCII letters in SQLite.
  if (filter.eventType) (where.push(`c.event_type LIKE ? ESCAPE '\\'`), args.push(likePrefix(filter.eventType)));
  if (filter.method) {
    const method = filter.method.toUpperCase();
    where.push('c.method = ?');
    args.push(method);
    // Spelled out so that SQLite can use the partial index of methods other than POST (migration 009).
    if (method !== 'POST') where.push(`c.method <> 'POST'`);
  }
  if (filter.signatureStatus) (where.push('c.signature_status = ?'), args.push(filter.signatureStatus));
  if (filter.beforeId !== undefined) (where.push('c.id < ?'), args.push(filter.beforeId));
  return { where, args };
}
