/**
 * The handler check on a provider that posts a batch (SendGrid: a JSON array
 * of events). The events it derives vary every event of the array (a new
 * sg_event_id, a moved timestamp, another event type for the unknown-event
 * scenario), stay arrays, and still pass the provider's rules; a burst sent
 * to a real server carries distinct bodies.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src/core/clock';
import { createProviderRegistry, validatePayload } from '../../../src/core/providers';
import { createRegistryAdapter } from '../../../src/core/sender';
import { eventVariant, isVariable } from '../../../src/core/sender/event-variants';
import { startSink } from '../../helpers/sink-server';
import { senderEnv } from './support/env';

const registry = createProviderRegistry();
const sendgrid = registry.require('sendgrid');
const adapter = createRegistryAdapter({ registry, sampleSeed: () => 42 });
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

type SgEvent = { event: string; sg_event_id: string; timestamp: number };

describe('event variants of a batch body', () => {
  it('every event of the array gets a new sg_event_id and moved time, and passes the rules', () => {
    const { body } = adapter.createBody('sendgrid', 'open', undefined, Date.UTC(2026, 11, 4));
    expect(isVariable(body)).toBe(true);
    const [original] = JSON.parse(text(body)) as SgEvent[];
    const idFields = adapter.idFields!('sendgrid');
    expect(idFields).toEqual(['sg_event_id']);
    const seen = new Set<string>([original.sg_event_id]);
    for (let n = 1; n <= 10; n++) {
      const variant = JSON.parse(text(eventVariant(body, `chk${n}`, { idFields, shiftMs: -n * 1000 }))) as SgEvent[];
      expect(variant).toHaveLength(1);
      expect(variant[0].timestamp).toBe(original.timestamp - n);
      seen.add(variant[0].sg_event_id);
      expect(validatePayload(sendgrid, 'open', variant[0])).toEqual([]);
    }
    expect(seen.size).toBe(11);
    const unknown = JSON.parse(
      text(eventVariant(body, 'u', { idFields, eventType: { from: 'open', to: 'hookscope_unknown' } })),
    ) as SgEvent[];
    expect(unknown[0].event).toBe('hookscope_unknown');
  });

  it('an array of anything but objects, or an empty one, is left as it is', () => {
    for (const raw of ['[]', '[1,2]', '[{"a":1},2]', '"text"']) {
      const bytes = new TextEncoder().encode(raw);
      expect(isVariable(bytes)).toBe(false);
      expect(text(eventVariant(bytes, 'x'))).toBe(raw);
    }
  });

  it('a burst from the check carries distinct SendGrid batches to a real server', async () => {
    const sink = await startSink();
    const env = senderEnv({ registry: { registry } });
    cleanups.push(
      () => sink.close(),
      async () => env.dispose(),
    );
    const before = sink.hits.length;
    await env.sender({ clock: systemClock }).check({
      url: `${sink.url}/sg`,
      provider: 'sendgrid',
      eventType: 'delivered',
      secret: 'a key pair of its own',
      scenarios: ['burst'],
      burstSize: 5,
    });
    const bodies = sink.hits.slice(before).map((h) => h.body.toString('utf8'));
    expect(bodies).toHaveLength(5);
    expect(new Set(bodies).size).toBe(5);
    for (const b of bodies) {
      const events = JSON.parse(b) as SgEvent[];
      expect(Array.isArray(events)).toBe(true);
      expect(validatePayload(sendgrid, 'delivered', events[0])).toEqual([]);
    }
  });
});
