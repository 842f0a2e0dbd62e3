/**
 * The provider-model fields Inngest and GoCardless brought, used from a
 * user's provider file (they are general, not provider code): a kv signature
 * with `&` between its pairs, a secret prefix removed before the key is made,
 * an event type built from two body fields, and events batched in an array
 * at a body path.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  detectProvider,
  eventTypeOf,
  validatePayload,
  verifyRequest,
  type ProviderLookup,
} from '../../../src/core/providers';
import { templateProblems } from '../../../src/core/providers/samples';
import { providerDefinitionSchema, toProviderDefinition } from '../../../src/shared/provider-schema';
import type { ProviderDefinition } from '../../../src/shared/providers';

function load(file: unknown): ProviderDefinition {
  return toProviderDefinition(providerDefinitionSchema.parse(file)) as ProviderDefinition;
}

const ampersand = {
  id: 'amp',
  name: 'Amp',
  signature: {
    forms: [
      {
        name: 'default',
        label: 't=..&s=.. over body + timestamp',
        header: 'X-Amp-Signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 's', separator: '&' },
        digest: 'hex',
        signedContent: { template: '{body}{timestamp}' },
        timestamp: { in: 'signature' },
        toleranceSeconds: 300,
        secretPrefixPattern: 'key-[a-z]+-',
      },
    ],
  },
  events: [{ type: 'ping', sample: { type: 'ping' } }],
};

const hexes = {
  id: 'hexes',
  name: 'Hexes',
  signature: ampersand.signature,
  events: [{ type: 'ping', sample: { type: 'ping', lower: 'ev_{{hex:10}}', upper: 'EV{{HEX:10}}', bad: '{{HEX:x}}' } }],
};

const batched = {
  id: 'batchy',
  name: 'Batchy',
  signature: {
    forms: [
      { name: 'default', label: 'hex of body', header: 'X-Batchy-Sig', format: { kind: 'plain' }, digest: 'hex' },
    ],
  },
  events: [{ type: 'orders.paid' }, { type: 'orders.refunded' }],
  envelope: { requiredKeys: ['id', 'kind', 'change'], batchPath: 'items' },
  eventTypeLocations: [{ in: 'body', path: 'kind', actionPath: 'change' }],
  detection: { headers: ['X-Batchy-Sig'] },
};

describe('a kv signature joined by "&" with a secret prefix removed', () => {
  const amp = load(ampersand);
  const NOW = 1_796_000_000;

  it('signs "t=<unix>&s=<hex>" over body + timestamp, keyed with the secret after its prefix', () => {
    const req = buildOutgoingRequest(amp, {
      eventType: 'ping',
      payload: { type: 'ping' },
      secret: 'key-live-s3cr3t',
      timestampSec: NOW,
    });
    const expected = createHmac('sha256', 's3cr3t').update(`{"type":"ping"}${NOW}`).digest('hex');
    expect(req.headers).toContainEqual(['X-Amp-Signature', `t=${NOW}&s=${expected}`]);
  });

  it('verifies with the prefixed secret, the bare one or another prefix alike, and refuses another key', () => {
    const body = Buffer.from('{"type":"ping"}');
    const sig = createHmac('sha256', 's3cr3t').update(`${body}${NOW}`).digest('hex');
    const verify = (secret: string, value = `t=${NOW}&s=${sig}`) =>
      verifyRequest(amp, { headers: [['X-Amp-Signature', value]], body, secrets: [secret], nowMs: NOW * 1000 });
    expect(verify('key-live-s3cr3t').status).toBe('valid');
    expect(verify('s3cr3t').status).toBe('valid');
    expect(verify('key-test-s3cr3t').status).toBe('valid');
    // The prefix is removed only at the start: elsewhere it is part of the key.
    expect(verify('s3cr3tkey-live-').status).toBe('invalid');
    // A comma is not this provider's separator: the pairs do not parse.
    expect(verify('s3cr3t', `t=${NOW},s=${sig}`).status).not.toBe('valid');
  });

  it('a provider file with a secretPrefixPattern that is not a regular expression is refused, naming the field', () => {
    const bad = structuredClone(ampersand) as Record<string, any>;
    bad.signature.forms[0].secretPrefixPattern = 'key-[';
    const result = providerDefinitionSchema.safeParse(bad);
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.path).toEqual(['signature', 'forms', 0, 'secretPrefixPattern']);
    expect(issue?.message).toBe('is not a valid regular expression');
  });
});

describe('an event type from two body fields, events batched at a body path', () => {
  const batchy = load(batched);
  const lookup: ProviderLookup = { list: () => [batchy], get: (id) => (id === 'batchy' ? batchy : undefined) };

  it('reads "<kind>.<change>" from the first event of the batch, and from a single event', () => {
    const body = {
      items: [
        { id: 'o1', kind: 'orders', change: 'refunded' },
        { id: 'o2', kind: 'orders', change: 'paid' },
      ],
    };
    expect(eventTypeOf(batchy, [], body)).toBe('orders.refunded');
    expect(eventTypeOf(batchy, [], { id: 'o1', kind: 'orders', change: 'paid' })).toBe('orders.paid');
    expect(eventTypeOf(batchy, [], { items: [] })).toBeNull();
    expect(
      detectProvider({ headers: [['X-Batchy-Sig', 'ab']], body: Buffer.from(JSON.stringify(body)) }, lookup),
    ).toMatchObject({ providerId: 'batchy', eventType: 'orders.refunded' });
  });

  it('a sample built from the envelope carries both fields, and the payload rules check both', () => {
    const sample = buildSample(batchy, 'orders.refunded', 1);
    expect(sample).toMatchObject({ kind: 'orders', change: 'refunded' });
    expect(validatePayload(batchy, 'orders.refunded', sample)).toEqual([]);
    const problems = validatePayload(batchy, 'orders.refunded', { ...sample, change: 'paid' });
    expect(problems.join('\n')).toContain('expected the event type "orders.refunded", got "orders.paid"');
  });
});

describe('sample templates: {{HEX:N}}', () => {
  it('writes N upper-case hex digits ({{hex:N}} lower case); a malformed one is named as such', () => {
    const sample = buildSample(load(hexes), 'ping', 4);
    expect(sample.lower).toMatch(/^ev_[0-9a-f]{10}$/);
    expect(sample.upper).toMatch(/^EV[0-9A-F]{10}$/);
    expect(sample.bad).toBe('{{HEX:x}}');
    expect(templateProblems(hexes.events[0].sample)).toEqual([{ path: 'bad', problem: '{{HEX:x}} must be {{HEX:N}}' }]);
  });
});
