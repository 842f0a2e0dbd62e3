/**
 * Intercom (X-Hub-Signature sha1=<hex HMAC-SHA1 of the body>). Intercom
 * publishes no verification library, and its documented example signed
 * request does not give its key, so both directions are checked against an
 * independent node:crypto implementation of the documented recipe:
 * https://developers.intercom.com/docs/references/webhooks/webhook-models (Signed notifications).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  verifyRequest,
} from '../../../../src/core/providers';

const registry = createProviderRegistry();
const intercom = registry.require('intercom');
const SECRET = 'intercom-client-secret-oracle-0123';
const NOW_SEC = 1_780_000_000;

/** The recipe: "sha1=" + the 40 hex characters of HMAC-SHA1(client secret, raw JSON body). */
const recipeSign = (body: string, secret: string) => `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
function recipeVerify(body: string, header: string, secret: string): boolean {
  const expected = Buffer.from(recipeSign(body, secret));
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe.each(['conversation.user.created', 'contact.user.created', 'ticket.state.updated', 'ping'])(
  'Intercom %s against the documented recipe',
  (topic) => {
    it('the recipe accepts what Hookscope signs, in the documented sha1=<40 hex> form; a one-byte change fails', () => {
      const req = buildOutgoingRequest(intercom, {
        eventType: topic,
        payload: buildSample(intercom, topic, 2, { nowMs: NOW_SEC * 1000 }),
        secret: SECRET,
        timestampSec: NOW_SEC,
      });
      const body = Buffer.from(req.body).toString();
      const signature = header(req.headers, 'X-Hub-Signature');
      expect(signature).toMatch(/^sha1=[0-9a-f]{40}$/);
      expect(header(req.headers, 'User-Agent')).toBe('intercom-parrot-service-client/1.0');
      expect(recipeVerify(body, signature, SECRET)).toBe(true);
      expect(recipeVerify(flip(body, 30), signature, SECRET)).toBe(false);
      expect(recipeVerify(body, flip(signature, 12), SECRET)).toBe(false);
    });

    it('Hookscope says valid for what the recipe signs, invalid with the cause after a one-byte change', () => {
      const body = JSON.stringify(buildSample(intercom, topic, 10, { nowMs: NOW_SEC * 1000 }));
      const signature = recipeSign(body, SECRET);
      const verify = (sig: string, b: string) =>
        verifyRequest(intercom, {
          headers: [['X-Hub-Signature', sig]],
          body: Buffer.from(b),
          secrets: [SECRET],
          nowMs: NOW_SEC * 1000,
        });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', expected: signature });
      const tampered = verify(signature, flip(body, 30));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      const bare = verify(signature.slice('sha1='.length), body);
      expect(bare.status).toBe('invalid');
      expect(codes(bare)).toContain('prefix-dropped');
      const sha256 = verify(`sha1=${createHmac('sha256', SECRET).update(body).digest('hex')}`, body);
      expect(sha256.status).toBe('invalid');
    });
  },
);

it("the documentation's own example signed request is attributed to Intercom by its header and envelope", () => {
  // The body of the example signed request on the Signed notifications page, with its X-Hub-Signature.
  const example = {
    type: 'notification_event',
    id: 'notif_78c122d0-23ba-11e4-9464-79b01267cc2e',
    topic: 'user.created',
    app_id: 'a86dr8yl',
    data: {
      type: 'notification_event_data',
      item: {
        type: 'user',
        id: '530370b477ad7120001d',
        user_id: '25',
        name: 'Hoban Washburne',
        unsubscribed_from_emails: false,
        custom_attributes: {},
      },
    },
  };
  const hit = detectProvider(
    {
      headers: [
        ['User-Agent', 'intercom-parrot-service-client/1.0'],
        ['X-Hub-Signature', 'sha1=21ff2e149e0fdcac6f947740f6177f6434bda921'],
        ['Content-Type', 'application/json'],
      ],
      body: Buffer.from(JSON.stringify(example, null, 2)),
    },
    registry,
  );
  expect(hit).toMatchObject({ providerId: 'intercom', eventType: 'user.created' });
});
