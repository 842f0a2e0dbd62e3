import { describe, expect, it } from 'vitest';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { matches, mergeRows, NO_FILTERS, withoutIds } from '../../../renderer/src/captures/rows';
import { shortTime } from '../../../renderer/src/captures/format';
import { useMarks } from '../../../renderer/src/captures/marks';
import { isFormType } from '../../../renderer/src/detail/form-body';

const row = (id: number, over: Partial<CaptureSummary> = {}): CaptureSummary => ({
  id,
  endpoint: 'a',
  receivedAt: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path: '/a',
  query: '',
  bodySize: 0,
  truncated: false,
  responseStatus: 200,
  provider: 'prynt',
  eventType: 'verdict.allow',
  signatureStatus: 'valid',
  ...over,
});

describe('live rows pass the filters as the store does', () => {
  it('provider in any case, event type by prefix in any case; a row without an event type never passes an event filter', () => {
    expect(matches(row(1), { ...NO_FILTERS, provider: 'Prynt' })).toBe(true);
    expect(matches(row(1), { ...NO_FILTERS, provider: 'lmif' })).toBe(false);
    expect(matches(row(1), { ...NO_FILTERS, eventType: 'VERDICT' })).toBe(true);
    expect(matches(row(1), { ...NO_FILTERS, eventType: 'verdict.allow' })).toBe(true);
    expect(matches(row(1), { ...NO_FILTERS, eventType: 'allow' })).toBe(false);
    expect(matches(row(1, { eventType: null }), { ...NO_FILTERS, eventType: 'v' })).toBe(false);
    // A live capture of another case joins a list filtered in any case.
    expect(
      mergeRows([row(1)], [row(2)], { ...NO_FILTERS, provider: 'PRYNT', eventType: 'Verdict.' }, false).map(
        (r) => r.id,
      ),
    ).toEqual([2, 1]);
  });

  it('drops deleted rows, and keeps the same array when none was there', () => {
    const rows = [row(3), row(2), row(1)];
    expect(withoutIds(rows, [2, 9]).map((r) => r.id)).toEqual([3, 1]);
    expect(withoutIds(rows, [9])).toBe(rows);
  });
});

describe('the list', () => {
  it('shows the time for today, the date this year, the year before', () => {
    const now = new Date(2026, 5, 10, 12);
    expect(shortTime(new Date(2026, 5, 10, 8, 1, 2, 3).toISOString(), now)).toBe('08:01:02.003');
    expect(shortTime(new Date(2026, 2, 14, 9, 30, 5).toISOString(), now)).toBe('Mar 14 09:30:05');
    expect(shortTime(new Date(2024, 2, 14, 9, 30, 5).toISOString(), now)).toBe('2024-03-14 09:30');
  });

  it('picks: Ctrl toggles, Shift takes the run from the last pick, deleted ones go', () => {
    const rows = [row(5), row(4), row(3), row(2), row(1)];
    const marks = useMarks.getState();
    marks.clear();
    marks.toggle(4);
    marks.extend(2, rows, null);
    expect(useMarks.getState().marked).toEqual([4, 3, 2]);
    useMarks.getState().toggle(3);
    expect(useMarks.getState().marked).toEqual([4, 2]);
    useMarks.getState().drop([4]);
    expect(useMarks.getState().marked).toEqual([2]);
    useMarks.getState().clear();
    // No pick yet: a Shift-click runs from the open capture.
    useMarks.getState().extend(3, rows, 5);
    expect(useMarks.getState().marked).toEqual([5, 4, 3]);
  });

  it('knows a form body by its Content-Type', () => {
    expect(isFormType('application/x-www-form-urlencoded')).toBe(true);
    expect(isFormType('Application/X-WWW-Form-Urlencoded; charset=utf-8')).toBe(true);
    expect(isFormType('application/x-www-form-urlencoded-not')).toBe(false);
    expect(isFormType('application/json')).toBe(false);
    expect(isFormType(undefined)).toBe(false);
  });
});
