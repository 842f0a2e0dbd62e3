import { HookscopeError } from '../../shared/errors';
import type { CaptureFilter } from '../store/capture-filter';
import type { DeleteTarget } from '../store/cleanup';

/** What a caller asks to delete: exactly one of ids, a filter (at least one field), or all. */
export interface DeleteRequest {
  ids?: number[];
  filter?: CaptureFilter;
  all?: boolean;
}

const FILTER_KEYS = ['endpoint', 'provider', 'eventType', 'method', 'signatureStatus'] as const;

/** The filter's fields that are set (blank ones dropped). */
export function setFields(filter: CaptureFilter | undefined): CaptureFilter {
  const out: CaptureFilter = {};
  for (const key of FILTER_KEYS) {
    const value = filter?.[key]?.trim();
    if (value) out[key] = value;
  }
  return out;
}

/**
 * The deletion a request stands for, bounded to the captures up to `upto`
 * (the newest id when it was asked). An empty request never means "all":
 * deleting everything is said with `all`, and only alone.
 */
export function targetOf(request: DeleteRequest, upto: number): DeleteTarget {
  const filter = setFields(request.filter);
  const hasFilter = Object.keys(filter).length > 0;
  const kinds = [request.ids !== undefined, hasFilter, request.all === true].filter(Boolean).length;
  if (kinds === 0)
    throw new HookscopeError(
      'BAD_INPUT',
      'say which captures to delete: their ids, a filter (endpoint, provider, event type, method, signature), or all',
    );
  if (kinds > 1)
    throw new HookscopeError('BAD_INPUT', 'delete takes one of: capture ids, a filter, or all; not several at once');
  if (request.ids !== undefined) {
    if (request.ids.length === 0) throw new HookscopeError('BAD_INPUT', 'no capture ids given');
    const bad = request.ids.find((id) => !Number.isSafeInteger(id) || id < 1);
    if (bad !== undefined)
      throw new HookscopeError('BAD_INPUT', `a capture id is a whole number of at least 1, got ${bad}`);
    return { kind: 'ids', ids: [...new Set(request.ids)], upto };
  }
  if (hasFilter) return { kind: 'filter', filter, upto };
  return { kind: 'all', upto };
}
