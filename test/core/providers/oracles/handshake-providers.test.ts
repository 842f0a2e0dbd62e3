/**
 * Zoom, Twitch EventSub, Asana and Dropbox publish no verification library on
 * npm, so each is proven against an independent node:crypto computation of
 * its documented recipe (and Dropbox also against a published vector), both
 * ways: the recipe accepts what Hookscope signs (the sender's own path,
 * buildOutgoingRequest), and Hookscope's verifier says `valid` for what the
 * recipe signs, and `invalid` after a one-byte change of body or signature.
 * The handshake answers are proven the same way: Zoom's encryptedToken is
 * recomputed from its documented recipe.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { buildHandshakeRequest, handshakeOf } from '../../../../src/core/providers/handshake';
import type { ProviderDefinition } from '../../../../src/shared/providers';
import { flipByte, header } from '../helpers';

const registry = createProviderRegistry();
const SECRET = 'hookscope_recipe_secret_7f2a';
const T = 1_780_000_000;

const hmacHex = (secret: string, data: string | Buffer) => createHmac('sha256', secret).update(data).digest('hex');

interface Recipe {
  /** The signature header and its value, computed from the documentation alone. */
  sign(body: Buffer, headers: [string, string][], secret: string): { header: string; value: string };
}

/** Each recipe as its documentation page states it. */
const RECIPES: Record<string, Recipe> = {
  // https://developers.zoom.us/docs/api/webhooks/ (Verify webhook events)
  zoom: {
    sign: (body, headers, secret) => ({
      header: 'x-zm-signature',
      value: `v0=${hmacHex(secret, `v0:${header(headers, 'x-zm-request-timestamp')}:${body.toString('utf8')}`)}`,
    }),
  },
  // https://dev.twitch.tv/docs/eventsub/handling-webhook-events/ (Verifying the event message)
  twitch: {
    sign: (body, headers, secret) => ({
      header: 'Twitch-Eventsub-Message-Signature',
      value: `sha256=${hmacHex(
        secret,
        Buffer.concat([
          Buffer.from(header(headers, 'Twitch-Eventsub-Message-Id') ?? ''),
          Buffer.from(header(headers, 'Twitch-Eventsub-Message-Timestamp') ?? ''),
          body,
        ]),
      )}`,
    }),
  },
  // https://developers.asana.com/docs/webhooks-guide (Security)
  asana: { sign: (body, _h, secret) => ({ header: 'X-Hook-Signature', value: hmacHex(secret, body) }) },
  // https://www.dropbox.com/developers/reference/webhooks (Receiving notifications)
  dropbox: { sign: (body, _h, secret) => ({ header: 'X-Dropbox-Signature', value: hmacHex(secret, body) }) },
};

function regularEvents(provider: ProviderDefinition): string[] {
  return provider.events.filter((e) => !e.handshake).map((e) => e.type);
}

function signed(provider: ProviderDefinition, eventType: string, seed: number) {
  return buildOutgoingRequest(provider, {
    eventType,
    payload: buildSample(provider, eventType, seed, { nowMs: T * 1000 }),
    secret: SECRET,
    timestampSec: T,
  });
}

for (const [id, recipe] of Object.entries(RECIPES)) {
  describe(`${id}: Hookscope and the documented recipe agree`, () => {
    const provider = registry.require(id);
    const events = regularEvents(provider).slice(0, 4);

    it(`the recipe accepts what Hookscope signs (${events.length} events)`, () => {
      for (const [i, eventType] of events.entries()) {
        const req = signed(provider, eventType, i + 1);
        const body = Buffer.from(req.body);
        const expected = recipe.sign(body, req.headers, SECRET);
        expect(header(req.headers, expected.header), eventType).toBe(expected.value);
        // One byte of the body changed: the recipe's value no longer matches what was sent.
        expect(recipe.sign(flipByte(body, 2), req.headers, SECRET).value).not.toBe(expected.value);
      }
    });

    it("Hookscope's verifier says valid for what the recipe signs, invalid after a one-byte change", () => {
      for (const [i, eventType] of events.entries()) {
        const req = signed(provider, eventType, 10 + i);
        const body = Buffer.from(req.body);
        const own = recipe.sign(body, req.headers, SECRET);
        const headers = req.headers.map(([n, v]): [string, string] =>
          n.toLowerCase() === own.header.toLowerCase() ? [n, own.value] : [n, v],
        );
        const verify = (h: [string, string][], b: Uint8Array) =>
          verifyRequest(provider, { headers: h, body: b, secrets: [SECRET], nowMs: T * 1000 + 5_000 });
        expect(verify(headers, body).status, eventType).toBe('valid');
        const tamperedBody = verify(headers, flipByte(body, body.length - 2));
        expect(tamperedBody.status).toBe('invalid');
        const last = own.value.length - 1;
        const flipped = `${own.value.slice(0, last)}${own.value[last] === '0' ? '1' : '0'}`;
        const tamperedSig = verify(
          headers.map(([n, v]): [string, string] =>
            n.toLowerCase() === own.header.toLowerCase() ? [n, flipped] : [n, v],
          ),
          body,
        );
        expect(tamperedSig.status).toBe('invalid');
        expect(tamperedSig.expected).toBe(own.value);
      }
    });
  });
}

describe('published vectors and handshake recipes', () => {
  it("Dropbox: the vector of hapi-dropbox-webhooks' tests (secret the_secret) is valid to Hookscope", () => {
    // https://app.unpkg.com/hapi-dropbox-webhooks@1.1.0/files/test/index.js
    const body = Buffer.from('{"delta": {"users": [12345]}}');
    const signature = '0a8c16b085420b960dc78664279fe09e936a2a01b1f91064869d9e77dfd64529';
    const verdict = verifyRequest(registry.require('dropbox'), {
      headers: [['X-Dropbox-Signature', signature]],
      body,
      secrets: ['the_secret'],
      nowMs: Date.now(),
    });
    expect(verdict.status).toBe('valid');
  });

  it('Zoom: the expected encryptedToken is the documented hex HMAC-SHA256 of plainToken with the secret token', () => {
    const zoom = registry.require('zoom');
    const payload = Buffer.from(JSON.stringify(buildSample(zoom, 'endpoint.url_validation', 5, { nowMs: T * 1000 })));
    const hs = buildHandshakeRequest(zoom, handshakeOf(zoom, 'endpoint.url_validation')!, {
      eventType: 'endpoint.url_validation',
      payload,
      secret: SECRET,
      timestampSec: T,
    });
    const plainToken = (JSON.parse(payload.toString()) as { payload: { plainToken: string } }).payload.plainToken;
    const checks = Object.fromEntries(hs.expect.anyOf[0].map((c) => [c.in === 'json' ? c.path : c.in, c.expected]));
    expect(checks).toEqual({ plainToken, encryptedToken: hmacHex(SECRET, plainToken) });
    // The validation request itself is signed like any Zoom event.
    expect(header(hs.headers, 'x-zm-signature')).toBe(RECIPES.zoom.sign(payload, hs.headers, SECRET).value);
  });

  it('Twitch: the challenge is signed like a notification, with its own message type header', () => {
    const twitch = registry.require('twitch');
    const payload = Buffer.from(JSON.stringify(buildSample(twitch, 'webhook_callback_verification', 3)));
    const hs = buildHandshakeRequest(twitch, handshakeOf(twitch, 'webhook_callback_verification')!, {
      eventType: 'webhook_callback_verification',
      payload,
      secret: SECRET,
      timestampSec: T,
    });
    expect(header(hs.headers, 'Twitch-Eventsub-Message-Type')).toBe('webhook_callback_verification');
    expect(header(hs.headers, 'Twitch-Eventsub-Subscription-Type')).toBe('channel.follow');
    expect(header(hs.headers, 'Twitch-Eventsub-Message-Timestamp')).toBe(new Date(T * 1000).toISOString());
    expect(header(hs.headers, 'Twitch-Eventsub-Message-Signature')).toBe(
      RECIPES.twitch.sign(payload, hs.headers, SECRET).value,
    );
  });
});
