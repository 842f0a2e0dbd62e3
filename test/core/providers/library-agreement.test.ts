/**
 * Agreement with independent implementations: the standardwebhooks, stripe
 * and @octokit/webhooks-methods libraries, and Slack's and Shopify's
 * documented verification code. Both directions where the library allows.
 */
import crypto from 'node:crypto';
import { sign as octokitSign, verify as octokitVerify } from '@octokit/webhooks-methods';
import { Webhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  signRequest,
  verifyRequest,
} from '../../../src/core/providers';
import { header } from './helpers';

const registry = createProviderRegistry();
const nowSec = () => Math.floor(Date.now() / 1000);

describe('Standard Webhooks (standardwebhooks library)', () => {
  const provider = registry.require('standard-webhooks');
  const secret = `whsec_${Buffer.from('a very secret standard webhooks key').toString('base64')}`;
  const wh = new Webhook(secret);

  it('the library verifies what we send, for every event type', () => {
    for (const event of provider.events) {
      const req = buildOutgoingRequest(provider, {
        eventType: event.type,
        payload: buildSample(provider, event.type, 4),
        secret,
        timestampSec: nowSec(),
      });
      const headers = Object.fromEntries(req.headers.map(([k, v]) => [k.toLowerCase(), v]));
      const parsed = wh.verify(Buffer.from(req.body).toString('utf8'), headers) as { type: string };
      expect(parsed.type).toBe(event.type);
    }
  });

  it('we verify what the library signs, and both compute the same signature', () => {
    const body = Buffer.from(
      JSON.stringify({
        type: 'user.created',
        timestamp: '2026-02-01T10:00:00.000Z',
        data: { id: 'user_1', name: 'Zoë' },
      }),
    );
    const ts = nowSec();
    const theirs = wh.sign('msg_2KWPBgLlAfxdpx2AI54pPJ85f4W', new Date(ts * 1000), body.toString('utf8'));
    const headers: [string, string][] = [
      ['webhook-id', 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W'],
      ['webhook-timestamp', String(ts)],
      ['webhook-signature', theirs],
    ];
    const verdict = verifyRequest(provider, { headers, body, secrets: [secret], nowMs: ts * 1000 });
    expect(verdict.status).toBe('valid');
    const ours = signRequest(provider, {
      secret,
      body,
      timestampSec: ts,
      webhookId: 'msg_2KWPBgLlAfxdpx2AI54pPJ85f4W',
    });
    expect(header(ours.headers, 'webhook-signature')).toBe(theirs);
  });

  it('the library rejects what we send when the body changes', () => {
    const req = buildOutgoingRequest(provider, {
      eventType: 'invoice.paid',
      payload: buildSample(provider, 'invoice.paid', 1),
      secret,
      timestampSec: nowSec(),
    });
    const headers = Object.fromEntries(req.headers.map(([k, v]) => [k.toLowerCase(), v]));
    const tampered = Buffer.from(req.body).toString('utf8').replace('"invoice.paid"', '"invoice.void"');
    expect(() => wh.verify(tampered, headers)).toThrow();
  });
});

describe('Stripe (stripe library)', () => {
  const provider = registry.require('stripe');
  const stripe = new Stripe('sk_test_hookscope');
  const secret = 'whsec_test_5f1c3b2a9d8e7f60';

  it('stripe.webhooks.constructEvent accepts what we send, for every event type', () => {
    for (const event of provider.events) {
      const req = buildOutgoingRequest(provider, {
        eventType: event.type,
        payload: buildSample(provider, event.type, 9),
        secret,
        timestampSec: nowSec(),
      });
      const parsed = stripe.webhooks.constructEvent(
        Buffer.from(req.body),
        header(req.headers, 'Stripe-Signature') ?? '',
        secret,
      );
      expect(parsed.type).toBe(event.type);
    }
  });

  it('we verify generateTestHeaderString output, and both compute the same header', () => {
    const payload = JSON.stringify(buildSample(provider, 'payment_intent.succeeded', 2));
    const ts = nowSec();
    const theirs = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: ts });
    const verdict = verifyRequest(provider, {
      headers: [['stripe-signature', theirs]],
      body: Buffer.from(payload),
      secrets: [secret],
      nowMs: ts * 1000,
    });
    expect(verdict.status).toBe('valid');
    const ours = signRequest(provider, { secret, body: Buffer.from(payload), timestampSec: ts });
    expect(header(ours.headers, 'Stripe-Signature')).toBe(theirs);
  });

  it('a header with two v1 values (secret rolling) is accepted by both', () => {
    const payload = Buffer.from(JSON.stringify(buildSample(provider, 'checkout.session.completed', 3)));
    const ts = nowSec();
    const oldSig = (
      signRequest(provider, { secret: 'whsec_old', body: payload, timestampSec: ts }).headers[0][1] as string
    ).split('v1=')[1];
    const newSig = (signRequest(provider, { secret, body: payload, timestampSec: ts }).headers[0][1] as string).split(
      'v1=',
    )[1];
    const value = `t=${ts},v1=${oldSig},v1=${newSig}`;
    expect(stripe.webhooks.constructEvent(payload, value, secret).type).toBe('checkout.session.completed');
    const verdict = verifyRequest(provider, {
      headers: [['Stripe-Signature', value]],
      body: payload,
      secrets: [secret],
      nowMs: ts * 1000,
    });
    expect(verdict.status).toBe('valid');
    expect(verdict.diagnostics.find((d) => d.code === 'multiple-signatures')?.message).toContain('2nd');
  });

  it('both refuse a timestamp outside the 300 s tolerance', () => {
    const payload = JSON.stringify({ id: 'evt_1', object: 'event', type: 'payment_intent.succeeded' });
    const ts = nowSec() - 400;
    const theirs = stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: ts });
    expect(() => stripe.webhooks.constructEvent(payload, theirs, secret)).toThrow(/tolerance/i);
    const verdict = verifyRequest(provider, {
      headers: [['Stripe-Signature', theirs]],
      body: Buffer.from(payload),
      secrets: [secret],
      nowMs: Date.now(),
    });
    expect(verdict.status).toBe('stale');
    expect(verdict.ageSeconds).toBeGreaterThanOrEqual(400);
  });
});

describe('GitHub (@octokit/webhooks-methods)', () => {
  const provider = registry.require('github');
  const secret = "It's a Secret to Everybody";

  it('matches the value GitHub documents for "Hello, World!"', () => {
    const body = Buffer.from('Hello, World!');
    const ours = signRequest(provider, { secret, body, timestampSec: 0 });
    expect(header(ours.headers, 'X-Hub-Signature-256')).toBe(
      'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    );
  });

  it('octokit verifies what we send and we verify what octokit signs, for every event type', async () => {
    for (const event of provider.events) {
      const req = buildOutgoingRequest(provider, {
        eventType: event.type,
        payload: buildSample(provider, event.type, 6),
        secret,
        timestampSec: nowSec(),
      });
      const text = Buffer.from(req.body).toString('utf8');
      const ours = header(req.headers, 'X-Hub-Signature-256') ?? '';
      expect(await octokitVerify(secret, text, ours)).toBe(true);
      expect(await octokitSign(secret, text)).toBe(ours);
      const theirs = await octokitSign(secret, text);
      const verdict = verifyRequest(provider, {
        headers: [['x-hub-signature-256', theirs]],
        body: req.body,
        secrets: [secret],
        nowMs: Date.now(),
      });
      expect(verdict.status).toBe('valid');
      expect(await octokitVerify(secret, `${text} `, ours)).toBe(false);
    }
  });
});

describe('Slack (the documented verification code)', () => {
  const provider = registry.require('slack');
  /** Slack's documented recipe: 'v0=' + hex HMAC of 'v0:' + timestamp + ':' + body; reject beyond 5 minutes. */
  function slackVerify(signingSecret: string, headers: [string, string][], rawBody: string, nowSec: number): boolean {
    const timestamp = header(headers, 'X-Slack-Request-Timestamp') ?? '';
    if (Math.abs(nowSec - Number(timestamp)) > 60 * 5) return false;
    const sigBasestring = `v0:${timestamp}:${rawBody}`;
    const mySignature = `v0=${crypto.createHmac('sha256', signingSecret).update(sigBasestring, 'utf8').digest('hex')}`;
    const slackSignature = header(headers, 'X-Slack-Signature') ?? '';
    return (
      mySignature.length === slackSignature.length &&
      crypto.timingSafeEqual(Buffer.from(mySignature, 'utf8'), Buffer.from(slackSignature, 'utf8'))
    );
  }
  const docSecret = '8f742231b10e8888abcd99yyyzzz85a5';
  const docBody =
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
  const docSig = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

  it("reproduces and verifies Slack's worked example", () => {
    const ours = signRequest(provider, { secret: docSecret, body: Buffer.from(docBody), timestampSec: 1531420618 });
    expect(header(ours.headers, 'X-Slack-Signature')).toBe(docSig);
    const headers: [string, string][] = [
      ['X-Slack-Request-Timestamp', '1531420618'],
      ['X-Slack-Signature', docSig],
    ];
    expect(
      verifyRequest(provider, {
        headers,
        body: Buffer.from(docBody),
        secrets: [docSecret],
        nowMs: 1531420618_000 + 60_000,
      }).status,
    ).toBe('valid');
    expect(slackVerify(docSecret, headers, docBody, 1531420618 + 60)).toBe(true);
  });

  it('the documented code accepts what we send for every event type, and rejects a changed body', () => {
    const ts = nowSec();
    for (const event of provider.events) {
      const req = buildOutgoingRequest(provider, {
        eventType: event.type,
        payload: buildSample(provider, event.type, 8),
        secret: docSecret,
        timestampSec: ts,
      });
      const text = Buffer.from(req.body).toString('utf8');
      expect(slackVerify(docSecret, req.headers, text, ts + 2)).toBe(true);
      expect(slackVerify(docSecret, req.headers, text.replace('"type"', '"typo"'), ts + 2)).toBe(false);
    }
  });
});

describe('Shopify (the documented verification code)', () => {
  const provider = registry.require('shopify');
  const secret = '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';
  /** Shopify's documented Node check: base64 HMAC of the raw body, timingSafeEqual with the header. */
  function shopifyVerify(rawBody: Buffer, hmacHeader: string): boolean {
    const digest = crypto.createHmac('sha256', secret).update(rawBody).digest('base64');
    return digest.length === hmacHeader.length && crypto.timingSafeEqual(Buffer.from(digest), Buffer.from(hmacHeader));
  }

  it('the documented code accepts what we send for every topic, and we accept what it computes', () => {
    for (const event of provider.events) {
      const req = buildOutgoingRequest(provider, {
        eventType: event.type,
        payload: buildSample(provider, event.type, 5),
        secret,
        timestampSec: nowSec(),
      });
      const body = Buffer.from(req.body);
      expect(shopifyVerify(body, header(req.headers, 'X-Shopify-Hmac-Sha256') ?? '')).toBe(true);
      expect(header(req.headers, 'X-Shopify-Topic')).toBe(event.type);
      const theirs = crypto.createHmac('sha256', secret).update(body).digest('base64');
      const verdict = verifyRequest(provider, {
        headers: [['X-Shopify-Hmac-Sha256', theirs]],
        body,
        secrets: [secret],
        nowMs: Date.now(),
      });
      expect(verdict.status).toBe('valid');
      body[body.length - 2] ^= 1;
      expect(shopifyVerify(body, header(req.headers, 'X-Shopify-Hmac-Sha256') ?? '')).toBe(false);
    }
  });
});
