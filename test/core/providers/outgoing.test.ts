/** The sender's request: exactly the provider's headers, stable body across attempts, fresh timestamp and signature per attempt. */
import { describe, expect, it } from 'vitest';
import { buildOutgoingRequest, buildSample, createProviderRegistry, verifyRequest } from '../../../src/core/providers';
import { HookscopeError } from '../../../src/shared/errors';
import { header, secretFor } from './helpers';

const registry = createProviderRegistry();
const T1 = 1_780_000_000;
const T2 = T1 + 5 * 60;

const EXPECTED_HEADERS: Record<string, string[]> = {
  lrdefender: ['Content-Type', 'X-Webhook-Signature'],
  fingerprintiq: ['Content-Type', 'X-FIQ-Signature'],
  clickdefender: ['Content-Type', 'X-ClickDefender-Signature'],
  lmif: ['Content-Type', 'X-LMIF-Signature'],
  prynt: ['Content-Type', 'X-Prynt-Signature', 'X-Prynt-Event', 'X-Prynt-Delivery', 'X-Prynt-Timestamp'],
  'standard-webhooks': ['Content-Type', 'webhook-id', 'webhook-timestamp', 'webhook-signature'],
  stripe: ['Content-Type', 'User-Agent', 'Stripe-Signature'],
  github: ['Content-Type', 'User-Agent', 'X-GitHub-Event', 'X-GitHub-Delivery', 'X-Hub-Signature-256'],
  shopify: [
    'Content-Type',
    'X-Shopify-Topic',
    'X-Shopify-Hmac-Sha256',
    'X-Shopify-Shop-Domain',
    'X-Shopify-API-Version',
    'X-Shopify-Webhook-Id',
  ],
  slack: ['Content-Type', 'X-Slack-Request-Timestamp', 'X-Slack-Signature'],
};

describe('buildOutgoingRequest', () => {
  it.each(Object.entries(EXPECTED_HEADERS))('%s sends exactly its documented headers', (id, names) => {
    const provider = registry.require(id);
    const event = provider.events[0].type;
    const req = buildOutgoingRequest(provider, {
      eventType: event,
      payload: buildSample(provider, event, 1),
      secret: secretFor(provider),
      timestampSec: T1,
    });
    expect(req.method).toBe('POST');
    expect(req.headers.map(([name]) => name)).toEqual(names);
    expect(
      verifyRequest(provider, {
        headers: req.headers,
        body: req.body,
        secrets: [secretFor(provider)],
        nowMs: T1 * 1000,
      }).status,
    ).toBe('valid');
  });

  it('Prynt: event, delivery (= eventId) and timestamp headers; a retry keeps the body and changes only timestamp and signature', () => {
    const provider = registry.require('prynt');
    const payload = buildSample(provider, 'verdict.challenge', 3) as Record<string, string>;
    const first = buildOutgoingRequest(provider, {
      eventType: 'verdict.challenge',
      payload,
      secret: 'whsec_prynt',
      timestampSec: T1,
      deliveryId: 'ignored',
    });
    const retry = buildOutgoingRequest(provider, {
      eventType: 'verdict.challenge',
      payload,
      secret: 'whsec_prynt',
      timestampSec: T2,
      deliveryId: 'ignored',
    });
    expect(header(first.headers, 'Content-Type')).toBe('application/json');
    expect(header(first.headers, 'X-Prynt-Event')).toBe('verdict.challenge');
    expect(header(first.headers, 'X-Prynt-Delivery')).toBe(payload.eventId);
    expect(header(first.headers, 'X-Prynt-Timestamp')).toBe(String(T1));
    expect(header(retry.headers, 'X-Prynt-Timestamp')).toBe(String(T2));
    expect(Buffer.from(retry.body).equals(Buffer.from(first.body))).toBe(true);
    const body = JSON.parse(Buffer.from(retry.body).toString('utf8'));
    expect(body.eventId).toBe(payload.eventId);
    expect(body.idempotencyKey).toBe(payload.idempotencyKey);
    expect(header(retry.headers, 'X-Prynt-Signature')).not.toBe(header(first.headers, 'X-Prynt-Signature'));
    const changed = first.headers
      .filter(([name, value]) => header(retry.headers, name) !== value)
      .map(([name]) => name);
    expect(changed).toEqual(['X-Prynt-Signature', 'X-Prynt-Timestamp']);
  });

  it('an object payload is sent as compact JSON.stringify output; bytes are sent untouched', () => {
    const provider = registry.require('fingerprintiq');
    const payload = { event: 'visit.new', timestamp: 1, data: { note: 'Zoë' } };
    const fromObject = buildOutgoingRequest(provider, {
      eventType: 'visit.new',
      payload,
      secret: 's',
      timestampSec: T1,
    });
    expect(Buffer.from(fromObject.body).toString('utf8')).toBe(JSON.stringify(payload));
    const raw = new Uint8Array(Buffer.from('{\n  "event": "visit.new"\n}\n'));
    const fromBytes = buildOutgoingRequest(provider, {
      eventType: 'visit.new',
      payload: raw,
      secret: 's',
      timestampSec: T1,
    });
    expect(fromBytes.body).toBe(raw);
    expect(() =>
      buildOutgoingRequest(provider, { eventType: 'visit.new', payload: undefined, secret: 's', timestampSec: T1 }),
    ).toThrow(HookscopeError);
  });

  it("delivery ids: the caller's when given, else derived from the body, so every attempt carries the same one", () => {
    const sw = registry.require('standard-webhooks');
    const secret = secretFor(sw);
    const payload = buildSample(sw, 'user.created', 1);
    const a = buildOutgoingRequest(sw, { eventType: 'user.created', payload, secret, timestampSec: T1 });
    const b = buildOutgoingRequest(sw, { eventType: 'user.created', payload, secret, timestampSec: T2 });
    expect(header(a.headers, 'webhook-id')).toMatch(/^msg_[0-9a-f]{24}$/);
    expect(header(b.headers, 'webhook-id')).toBe(header(a.headers, 'webhook-id'));
    const given = buildOutgoingRequest(sw, {
      eventType: 'user.created',
      payload,
      secret,
      timestampSec: T1,
      deliveryId: 'msg_given',
    });
    expect(header(given.headers, 'webhook-id')).toBe('msg_given');
    const github = registry.require('github');
    const gh = buildOutgoingRequest(github, {
      eventType: 'ping',
      payload: buildSample(github, 'ping', 1),
      secret: 'x',
      timestampSec: T1,
    });
    expect(header(gh.headers, 'X-GitHub-Delivery')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('builds the body before any secret exists: an empty secret signs with an empty key, for every provider', () => {
    for (const id of Object.keys(EXPECTED_HEADERS)) {
      const provider = registry.require(id);
      const req = buildOutgoingRequest(provider, {
        eventType: provider.events[0].type,
        payload: { a: 1 },
        secret: '',
        timestampSec: T1,
      });
      expect(Buffer.from(req.body).toString('utf8')).toBe('{"a":1}');
    }
  });

  it('LRDefender sends either signature form on request', () => {
    const provider = registry.require('lrdefender');
    const payload = buildSample(provider, 'bot.detected', 1);
    const stamped = buildOutgoingRequest(provider, {
      eventType: 'bot.detected',
      payload,
      secret: 'whsec_lr',
      timestampSec: T1,
    });
    expect(header(stamped.headers, 'X-Webhook-Signature')).toMatch(new RegExp(`^t=${T1},v1=[0-9a-f]{64}$`));
    const plain = buildOutgoingRequest(provider, {
      eventType: 'bot.detected',
      payload,
      secret: 'whsec_lr',
      timestampSec: T1,
      form: 'plain',
    });
    expect(header(plain.headers, 'X-Webhook-Signature')).toMatch(/^[0-9a-f]{64}$/);
    let thrown: unknown;
    try {
      buildOutgoingRequest(provider, {
        eventType: 'bot.detected',
        payload,
        secret: 'whsec_lr',
        timestampSec: T1,
        form: 'v2',
      });
    } catch (error) {
      thrown = error;
    }
    expect((thrown as HookscopeError).code).toBe('SIGNATURE_SCHEME_UNKNOWN');
  });
});
