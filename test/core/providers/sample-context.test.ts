/**
 * What a sample is built for: the event's moment (every time field, in user
 * templates and envelope-only providers too) and the webhook's subscription
 * id; the seed decides everything else.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS, buildSample, createProviderRegistry } from '../../../src/core/providers';
import { providerDefinitionSchema, toProviderDefinition } from '../../../src/shared/provider-schema';
import type { JsonValue, ProviderDefinition } from '../../../src/shared/providers';
import { ACME_PROVIDER } from './fixtures/acme-provider';

const NOW = Date.UTC(2026, 11, 4, 13, 37, 42, 123);
const acme: ProviderDefinition = toProviderDefinition(providerDefinitionSchema.parse(ACME_PROVIDER));

/** The payload with every time-like value (ISO times, dates, unix numbers near NOW) replaced, to compare content alone. */
function withoutTimes(value: JsonValue, nows: number[]): JsonValue {
  if (typeof value === 'string')
    return /^\d{4}-\d{2}(-\d{2}(T[\d:.]+Z)?)?$/.test(value) ? '<time>' : value.replace(/\d{4}-\d{2}-\d{2}/g, '<date>');
  if (typeof value === 'number')
    return nows.some((n) => value === n || value === Math.floor(n / 1000)) ? '<time>' : value;
  if (Array.isArray(value)) return value.map((v) => withoutTimes(v, nows));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutTimes(v, nows)]));
  return value;
}

describe('sample context', () => {
  it("a user provider's template times are the given instant", () => {
    const sample = buildSample(acme, 'invoice.paid', 5, { nowMs: NOW }) as { at: string; data: { memo: string } };
    expect(sample.at).toBe('2026-12-04T13:37:42.123Z');
    expect(sample.data.memo).toBe('paid at 2026-12-04');
  });

  it("a user provider without a template gets its envelope's time field at the given instant", () => {
    const sample = buildSample(acme, 'invoice.voided', 5, { nowMs: NOW }) as { at: string };
    expect(sample.at).toBe('2026-12-04T13:37:42.123Z');
  });

  it('the seed decides the content whatever the time: the same seed at two instants differs only in its times', () => {
    for (const provider of [...BUILTIN_PROVIDERS, acme]) {
      for (const event of provider.events) {
        const later = NOW + 40 * 86_400_000 + 17_000;
        const a = buildSample(provider, event.type, 31, { nowMs: NOW });
        const b = buildSample(provider, event.type, 31, { nowMs: later });
        // Prynt's requestId (req_<seconds>_<hex>) and Slack's event_ts (<seconds>.000100) embed the unix second.
        const strip = (s: JsonValue) =>
          JSON.parse(
            JSON.stringify(withoutTimes(s, [NOW, later]))
              .replace(/req_\d+_/g, 'req_<t>_')
              .replace(/"\d{10}\.(\d{6})"/g, '"<t>.$1"'),
          );
        expect(strip(b), `${provider.id} ${event.type}`).toEqual(strip(a));
      }
    }
  });

  it('the subscription id given is the one in the payload; without one it comes from the seed', () => {
    const registry = createProviderRegistry();
    const prynt = registry.require('prynt');
    const lmif = registry.require('lmif');
    expect(buildSample(prynt, 'visitor.new', 3, { webhookId: 'wh_given' }).webhookId).toBe('wh_given');
    expect(
      (buildSample(lmif, 'box.created', 3, { webhookId: 'wh_given' }).meta as { webhookId: string }).webhookId,
    ).toBe('wh_given');
    expect(buildSample(prynt, 'visitor.new', 3).webhookId).toBe(buildSample(prynt, 'visitor.new', 3).webhookId);
    // Giving an id changes nothing else.
    const given = buildSample(prynt, 'visitor.new', 3, { webhookId: 'wh_given' });
    expect({ ...buildSample(prynt, 'visitor.new', 3), webhookId: 'wh_given' }).toEqual(given);
  });
});
