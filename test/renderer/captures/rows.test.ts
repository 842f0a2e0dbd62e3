import { describe, expect, it } from 'vitest';
import { hasFilters, listArgs, locate, matches, mergeRows, NO_FILTERS } from '../../../renderer/src/captures/rows';
import type { CaptureSummary } from '../../../src/shared/capture-types';

function row(id: number, over: Partial<CaptureSummary> = {}): CaptureSummary {
  return {
    id,
    endpoint: 'default',
    receivedAt: '2026-12-04T10:00:00.000Z',
    method: 'POST',
    path: '/default/x',
    query: '',
    bodySize: 2,
    truncated: false,
    responseStatus: 200,
    provider: null,
    eventType: null,
    signatureStatus: null,
    ...over,
  };
}

/** Newest first, as the list holds them. */
const loaded = [row(9), row(7), row(5), row(3)];

describe('capture list filters', () => {
  it('become captures.list arguments with the empty ones left out and values trimmed', () => {
    expect(listArgs(NO_FILTERS)).toEqual({});
    expect(listArgs({ ...NO_FILTERS, provider: ' stripe ', method: 'post' })).toEqual({
      provider: 'stripe',
      method: 'post',
    });
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, endpoint: '  ' })).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, signatureStatus: 'invalid' })).toBe(true);
  });

  it('match a row as the store does: equality, the method case-insensitive', () => {
    const stripe = row(1, {
      endpoint: 'pay',
      provider: 'stripe',
      eventType: 'charge.succeeded',
      signatureStatus: 'valid',
    });
    expect(matches(stripe, NO_FILTERS)).toBe(true);
    expect(matches(stripe, { ...NO_FILTERS, method: 'post' })).toBe(true);
    expect(
      matches(stripe, {
        endpoint: 'pay',
        method: 'POST',
        provider: 'stripe',
        eventType: 'charge.succeeded',
        signatureStatus: 'valid',
      }),
    ).toBe(true);
    expect(matches(stripe, { ...NO_FILTERS, provider: 'strip' })).toBe(false);
    expect(matches(stripe, { ...NO_FILTERS, signatureStatus: 'invalid' })).toBe(false);
    expect(matches(row(2), { ...NO_FILTERS, eventType: 'charge.succeeded' })).toBe(false);
  });
});

describe('locate', () => {
  it('finds a row by id in a newest-first list, or where it would go', () => {
    expect(locate(loaded, 7)).toEqual({ at: 1, found: true });
    expect(locate(loaded, 10)).toEqual({ at: 0, found: false });
    expect(locate(loaded, 6)).toEqual({ at: 2, found: false });
    expect(locate(loaded, 1)).toEqual({ at: 4, found: false });
    expect(locate([], 1)).toEqual({ at: 0, found: false });
  });
});

describe('mergeRows', () => {
  it('returns the same array when nothing changes it', () => {
    expect(mergeRows(loaded, [], NO_FILTERS, false)).toBe(loaded);
    expect(mergeRows(loaded, [row(11, { provider: 'github' })], { ...NO_FILTERS, provider: 'stripe' }, false)).toBe(
      loaded,
    );
  });

  it('puts new rows in id order, never touching the array it was given', () => {
    const before = loaded.slice();
    const next = mergeRows(loaded, [row(8), row(11), row(1)], NO_FILTERS, false);
    expect(next.map((r) => r.id)).toEqual([11, 9, 8, 7, 5, 3, 1]);
    expect(loaded).toEqual(before);
  });

  it('with more rows still to load, adds only rows inside the loaded range (older ones come with the next page)', () => {
    expect(mergeRows(loaded, [row(11), row(4), row(1)], NO_FILTERS, true).map((r) => r.id)).toEqual([
      11, 9, 7, 5, 4, 3,
    ]);
  });

  it('patches a changed row in place, and drops it when it no longer passes the filters', () => {
    const filters = { ...NO_FILTERS, signatureStatus: 'valid' };
    const valid = [row(5, { signatureStatus: 'valid' }), row(3, { signatureStatus: 'valid' })];
    const patched = mergeRows(valid, [row(5, { signatureStatus: 'valid', provider: 'stripe' })], filters, false);
    expect(patched[0].provider).toBe('stripe');
    expect(mergeRows(valid, [row(3, { signatureStatus: 'invalid' })], filters, false).map((r) => r.id)).toEqual([5]);
  });

  it('only updates rows already shown when told not to insert', () => {
    const next = mergeRows(loaded, [row(11), row(7, { eventType: 'push' })], NO_FILTERS, false, false);
    expect(next.map((r) => r.id)).toEqual([9, 7, 5, 3]);
    expect(next[1].eventType).toBe('push');
  });
});
