import { describe, expect, it } from 'vitest';
import {
  attemptInFlight,
  attemptSucceeded,
  buildTimeline,
  describeLadder,
  ladderLength,
} from '../../../renderer/src/deliveries/ladder';
import type { AttemptSummary, DeliveryStatus, DeliveryView } from '../../../src/shared/delivery-types';

const T0 = Date.parse('2026-12-04T10:00:00.000Z');
const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

function attempt(n: number, over: Partial<AttemptSummary> = {}): AttemptSummary {
  return {
    n,
    trigger: 'ladder',
    scheduledAt: iso(0),
    sentAt: iso(0),
    durationMs: 100,
    status: 500,
    errorKind: 'status',
    dueAt: iso(0),
    signedTimestamp: null,
    signature: null,
    responseSize: 0,
    ...over,
  };
}

function view(
  status: DeliveryStatus,
  attempts: AttemptSummary[],
  retryDelaysMs: number[],
  next: DeliveryView['next'] = null,
): DeliveryView {
  return {
    result: {
      deliveryId: 1,
      webhookId: 1,
      provider: 'prynt',
      eventType: 'payment.succeeded',
      eventId: null,
      target: 'http://127.0.0.1:3000/hooks',
      status,
      failureReason: null,
      signatureForm: null,
      timestamps: 'real',
      attempts,
      warnings: [],
    },
    policy: { timeoutMs: 5000, success: '2xx', retryDelaysMs, afterFailure: 'Marked failed.' },
    createdAt: iso(0),
    next,
    pausedAt: null,
  };
}

describe('a delivery laid on its ladder', () => {
  it('has one slot for the first attempt and one per retry delay', () => {
    expect(ladderLength(view('pending', [], [1000, 5000, 25_000]))).toBe(4);
    expect(ladderLength(view('pending', [], []))).toBe(1);
  });

  it('marks the waiting slot at its announced schedule, and later slots pending with estimated times', () => {
    const first = attempt(1, { durationMs: 200 });
    const rows = buildTimeline(
      view('pending', [first], [1000, 5000, 25_000], {
        scheduledAt: iso(1200),
        dueAt: iso(1200),
        heldBy: null,
        heldUntil: null,
      }),
    );
    expect(rows.map((r) => r.state)).toEqual(['failed', 'waiting', 'pending', 'pending']);
    expect(rows.map((r) => r.slot)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.delayMs)).toEqual([null, 1000, 5000, 25_000]);
    expect(rows[1]).toMatchObject({ scheduledOffsetMs: 1200, estimated: false, attempt: null });
    // Slot 3 is estimated from slot 2's schedule plus its own delay (slot 2's duration is not known yet).
    expect(rows[2]).toMatchObject({ scheduledOffsetMs: 1200 + 5000, estimated: true });
    expect(rows[3]).toMatchObject({ scheduledOffsetMs: 1200 + 5000 + 25_000, estimated: true });
  });

  it('shows the slots a delivered delivery never needed as unused', () => {
    const rows = buildTimeline(
      view(
        'delivered',
        [attempt(1), attempt(2, { scheduledAt: iso(1100), sentAt: iso(1150), status: 200, errorKind: null })],
        [1000, 5000],
      ),
    );
    expect(rows.map((r) => r.state)).toEqual(['failed', 'delivered', 'unused']);
    expect(rows[1].sentOffsetMs).toBe(1150);
    expect(rows[1].scheduledOffsetMs).toBe(1100);
  });

  it('calls an attempt sent but not answered in flight', () => {
    const sending = attempt(1, { durationMs: null, status: null, errorKind: null });
    expect(attemptInFlight(sending)).toBe(true);
    expect(attemptSucceeded(sending)).toBe(false);
    expect(buildTimeline(view('pending', [sending], [1000]))[0].state).toBe('in-flight');
  });

  it('counts a timeout as failed even without a status, and a 2xx without an error kind as delivered', () => {
    expect(attemptSucceeded(attempt(1, { status: null, errorKind: 'timeout' }))).toBe(false);
    expect(attemptSucceeded(attempt(1, { status: 204, errorKind: null }))).toBe(true);
  });

  it('puts manual retries after the ladder, without a slot, and closes the ladder', () => {
    const ladder = [attempt(1), attempt(2, { scheduledAt: iso(1000) })];
    const manual = attempt(3, {
      trigger: 'manual',
      scheduledAt: iso(60_000),
      sentAt: iso(60_000),
      status: 200,
      errorKind: null,
    });
    const rows = buildTimeline(
      view('pending', [manual, ...ladder], [1000, 5000], {
        scheduledAt: iso(6000),
        dueAt: iso(6000),
        heldBy: null,
        heldUntil: null,
      }),
    );
    expect(rows.map((r) => r.key)).toEqual(['slot-1', 'slot-2', 'slot-3', 'manual-3']);
    // A manual retry ends the ladder: the third slot is not waited for.
    expect(rows[2].state).toBe('unused');
    expect(rows[3]).toMatchObject({ slot: null, delayMs: null, state: 'delivered', scheduledOffsetMs: 60_000 });
  });

  it('shows more ladder attempts than the policy has slots (a policy edited since), none lost', () => {
    const rows = buildTimeline(view('failed', [attempt(1), attempt(2), attempt(3)], [1000]));
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({ slot: 3, delayMs: null, state: 'failed' });
  });

  it('lays out a delivery with no attempts yet from its creation time', () => {
    const rows = buildTimeline(
      view('pending', [], [1000], { scheduledAt: iso(0), dueAt: iso(0), heldBy: null, heldUntil: null }),
    );
    expect(rows.map((r) => [r.state, r.scheduledOffsetMs])).toEqual([
      ['waiting', 0],
      ['pending', 1000],
    ]);
  });
});

describe('the ladder in one line', () => {
  it('names the attempts and each wait', () => {
    const seconds = (ms: number) => `${ms / 1000} s`;
    expect(describeLadder([1000, 5000], seconds)).toBe('3 attempts: first, then +1 s, +5 s');
    expect(describeLadder([], seconds)).toBe('1 attempt, no retries');
  });
});
