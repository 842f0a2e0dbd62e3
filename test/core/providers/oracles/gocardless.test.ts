/**
 * The built-in GoCardless provider against gocardless-nodejs's own
 * webhooks.parse (which verifies Webhook-Signature and throws
 * InvalidSignatureError): both directions, several events, the body a batch
 * {"events":[...]} as GoCardless posts it, and both say no after a one-byte
 * change. The library has no signer: its verifySignature is the oracle that
 * an HMAC is the one GoCardless sends.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  verifyRequest,
} from '../../../../src/core/providers';
import { GOCARDLESS_SIGNATURE_HEADER as SIG } from '../../../../src/core/providers/gocardless/definition';
import { flipByte, header } from '../helpers';
import { oracle } from './oracle-lib';

interface GoCardlessEvent {
  id: string;
  resource_type: string;
  action: string;
}
const webhooks = oracle<{
  parse(body: string | Buffer, secret: string, signature: string): GoCardlessEvent[];
  parseWithMeta(body: string | Buffer, secret: string, signature: string): { webhookId: string | null };
  InvalidSignatureError: new () => Error;
}>('gocardless-nodejs/webhooks');

const types = oracle<{
  EventResourceType: Record<string, string>;
  EventDetailsOrigin: Record<string, string>;
  EventDetailsScheme: Record<string, string>;
}>('gocardless-nodejs/types/Types');

const registry = createProviderRegistry();
const gocardless = registry.require('gocardless');
const SECRET = 'gocardless-oracle-endpoint-secret-0123456789';
const EVENTS = ['payments.confirmed', 'mandates.cancelled', 'payouts.paid', 'billing_requests.fulfilled'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

describe('GoCardless (built-in) against gocardless-nodejs 10.1.2', () => {
  it.each(EVENTS)(
    'webhooks.parse accepts what Hookscope sends (%s), a batch of one, and throws InvalidSignatureError after a one-byte change',
    (eventType) => {
      const nowMs = Date.now();
      const req = buildOutgoingRequest(gocardless, {
        eventType,
        payload: buildSample(gocardless, eventType, 5, { nowMs }),
        secret: SECRET,
        timestampSec: Math.floor(nowMs / 1000),
      });
      const signature = header(req.headers, SIG) ?? '';
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(header(req.headers, 'Origin')).toBe('https://api.gocardless.com');
      expect(header(req.headers, 'User-Agent')).toBe('gocardless-webhook-service/1.1');
      const body = Buffer.from(req.body);
      const [resource, action] = eventType.split('.');
      const events = webhooks.parse(body, SECRET, signature);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ resource_type: resource, action });
      expect(events[0].id).toMatch(/^EV/);
      expect(webhooks.parseWithMeta(body, SECRET, signature).webhookId).toBe(`WB${events[0].id.slice(2)}`);
      expect(() => webhooks.parse(flipByte(body, 20), SECRET, signature)).toThrow(webhooks.InvalidSignatureError);
      expect(detectProvider(req, registry)).toMatchObject({ providerId: 'gocardless', eventType });
    },
  );

  it.each(EVENTS)(
    'Hookscope says valid for what the library verifies (%s), invalid with the cause after a one-byte change',
    (eventType) => {
      const nowMs = Date.now();
      const event = buildSample(gocardless, eventType, 11, { nowMs });
      const body = JSON.stringify({ events: [event], meta: { webhook_id: 'WB0000ORACLE1' } });
      const signature = createHmac('sha256', SECRET).update(body).digest('hex');
      expect(webhooks.parse(body, SECRET, signature)).toHaveLength(1);
      const verify = (b: Uint8Array, sig = signature) =>
        verifyRequest(gocardless, { headers: [[SIG, sig]], body: b, secrets: [SECRET], nowMs });
      expect(verify(Buffer.from(body)).status).toBe('valid');
      const tampered = verify(flipByte(Buffer.from(body), 30));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      expect(() => webhooks.parse(flipByte(Buffer.from(body), 30), SECRET, signature)).toThrow(
        webhooks.InvalidSignatureError,
      );
      const pretty = verify(Buffer.from(JSON.stringify(JSON.parse(body), null, 2)));
      expect(pretty.status).toBe('invalid');
      expect(codes(pretty)).toEqual(['body-pretty-printed']);
      // The event type is two body fields, read from the batch's first event.
      expect(detectProvider({ headers: [[SIG, signature]], body: Buffer.from(body) }, registry)).toMatchObject({
        providerId: 'gocardless',
        eventType,
      });
    },
  );

  it('a batch of several events verifies as one body, and is attributed by its first event', () => {
    const nowMs = Date.now();
    const events = ['payments.paid_out', 'payouts.paid', 'refunds.refund_settled'].map((t, i) =>
      buildSample(gocardless, t, 20 + i, { nowMs }),
    );
    const body = JSON.stringify({ events, meta: { webhook_id: 'WB0000ORACLE2' } });
    const signature = createHmac('sha256', SECRET).update(body).digest('hex');
    expect(webhooks.parse(body, SECRET, signature).map((e) => `${e.resource_type}.${e.action}`)).toEqual([
      'payments.paid_out',
      'payouts.paid',
      'refunds.refund_settled',
    ]);
    expect(
      verifyRequest(gocardless, { headers: [[SIG, signature]], body: Buffer.from(body), secrets: [SECRET], nowMs })
        .status,
    ).toBe('valid');
    expect(detectProvider({ headers: [[SIG, signature]], body: Buffer.from(body) }, registry)).toMatchObject({
      providerId: 'gocardless',
      eventType: 'payments.paid_out',
    });
  });
});

describe("GoCardless's event list against gocardless-nodejs's types", () => {
  /** In the SDK's EventResourceType but with no action in the API reference's Event Actions tables. */
  const WITHOUT_ACTIONS = ['customers', 'organisations', 'outbound_payments', 'payment_account_transactions'];

  it("every resource type is one of the SDK's, and every SDK resource type is there or named as left out", () => {
    const sdk = Object.values(types.EventResourceType).sort();
    const ours = [...new Set(gocardless.events.map((e) => e.type.split('.')[0]))].sort();
    expect(ours.every((r) => sdk.includes(r))).toBe(true);
    expect([...ours, ...WITHOUT_ACTIONS].sort()).toEqual(sdk);
  });

  it("every sample's details use an origin and scheme the SDK knows", () => {
    const origins = Object.values(types.EventDetailsOrigin);
    const schemes = Object.values(types.EventDetailsScheme);
    for (const event of gocardless.events) {
      const details = (event.sample as { details: { origin: string; scheme?: string } }).details;
      expect(origins, event.type).toContain(details.origin);
      if (details.scheme !== undefined) expect(schemes, event.type).toContain(details.scheme);
    }
  });
});
