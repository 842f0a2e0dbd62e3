import { describe, expect, it } from 'vitest';
import { eventVariant, padTo, tamper, wrongSecret, PADDING_FIELD } from '../../../src/core/sender/event-variants';
import { eventIdOf } from '../../../src/core/sender/adapter';
import {
  assertPolicy,
  ladderLength,
  nextAttempt,
  providerNowAfter,
  rescaleDue,
  shouldDisable,
  streakAfterFailure,
} from '../../../src/core/sender/timing';
import { PROVIDER_POLICIES } from './support/policies';

const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const dec = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b));

describe('ladder timing', () => {
  it('schedules the next attempt after the end of the failed one, in provider and real time', () => {
    const cd = PROVIDER_POLICIES.clickdefender;
    expect(ladderLength(cd)).toBe(6);
    const next = nextAttempt(cd, { ladderIndex: 5, scheduledAt: 1000, durationMs: 30_000 }, 50, 3600);
    expect(next).toEqual({
      ladderIndex: 6,
      scheduledAt: 1000 + 30_000 + 86_400_000,
      dueAt: 50 + 24_000,
      delayMs: 86_400_000,
    });
    expect(nextAttempt(cd, { ladderIndex: 6, scheduledAt: 0, durationMs: 0 }, 0, 1)).toBeNull();
  });

  it('manual retries count real time 1:1 after the last attempt; speed changes re-scale what is left', () => {
    expect(providerNowAfter({ scheduledAt: 10_000, sentAt: 100 }, 600)).toBe(10_500);
    expect(rescaleDue(1100, 100, 10, 100)).toBe(200);
  });

  it('a failing streak runs from the earliest to the latest failure', () => {
    const s = streakAfterFailure(streakAfterFailure({ since: null, last: null }, 500), 100);
    expect(s).toEqual({ since: 100, last: 500 });
    expect(shouldDisable(s, 400)).toBe(true);
    expect(shouldDisable(s, 401)).toBe(false);
    expect(shouldDisable(s, undefined)).toBe(false);
  });

  it('rejects a policy that cannot run', () => {
    const ok = PROVIDER_POLICIES.prynt;
    expect(assertPolicy(ok)).toBe(ok);
    for (const bad of [{ timeoutMs: 0 }, { retryDelaysMs: [-1] }, { success: '3xx' }, { disableAfterFailingMs: 0 }]) {
      expect(() => assertPolicy({ ...ok, ...bad } as never)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    }
  });
});

describe('event variants for the handler check', () => {
  const prynt = { eventId: 'evt_1', idempotencyKey: 'idk_1', createdAt: '2026-02-14T11:45:22.341Z', data: { a: 1 } };

  it('makes another event: new ids, time shifted in the same format', () => {
    const variant = dec(eventVariant(enc(prynt), 't1', { shiftMs: -60_000 })) as typeof prynt;
    expect(variant).toEqual({
      ...prynt,
      eventId: expect.stringMatching(/^evt_[0-9a-f]$/),
      idempotencyKey: expect.stringMatching(/^idk_[0-9a-f]$/),
      createdAt: '2026-02-14T11:44:22.341Z',
    });
    expect(variant.eventId).not.toBe(prynt.eventId);
    expect(dec(eventVariant(enc({ timestamp: '2026-01-01T00:00:10Z' }), 'x', { shiftMs: -10_000 }))).toEqual({
      timestamp: '2026-01-01T00:00:00Z',
    });
    expect(dec(eventVariant(enc({ timestamp: 1_700_000_000_000 }), 'x', { shiftMs: 5 }))).toEqual({
      timestamp: 1_700_000_000_005,
    });
    expect(dec(eventVariant(enc({ timestamp: 1_700_000_000 }), 'x', { shiftMs: 2000 }))).toEqual({
      timestamp: 1_700_000_002,
    });
    const raw = new TextEncoder().encode('not json');
    expect(eventVariant(raw, 'x')).toBe(raw);
  });

  it('pads to an exact size, tampers visibly, and finds event ids', () => {
    const padded = padTo(enc(prynt), 4096);
    expect(padded.length).toBe(4096);
    expect(dec(padded)[PADDING_FIELD]).toMatch(/^x+$/);
    expect(dec(tamper(enc(prynt)))).toMatchObject({ ...prynt, hookscopeTampered: true });
    expect(eventIdOf(enc(prynt))).toBe('evt_1');
    expect(eventIdOf(enc({ id: 'lmif_1' }))).toBe('lmif_1');
    expect(eventIdOf(enc({ event: 'visit.new' }))).toBeNull();
  });

  it('a wrong secret keeps the shape of the right one', () => {
    expect(wrongSecret('whsec_abc=')).toBe('whsec_abA=');
    expect(wrongSecret('A')).toBe('B');
    expect(wrongSecret('')).toBe('hookscope-wrong-secret');
  });
});
