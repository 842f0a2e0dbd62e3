/**
 * Each diagnostic comes from a realistic mistake, built with plain
 * node:crypto (not our signer) so the test does not echo the code it checks.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOutgoingRequest, buildSample, createProviderRegistry, verifyRequest } from '../../../src/core/providers';
import type { SignatureVerdict } from '../../../src/shared/providers';
import { NOW_SEC, loadFixtures } from './helpers';

const registry = createProviderRegistry();
const hmac = (key: string | Buffer, data: string | Buffer) => crypto.createHmac('sha256', key).update(data).digest();
const codes = (v: SignatureVerdict) => v.diagnostics.map((d) => d.code);

const prynt = registry.require('prynt');
const fiq = registry.require('fingerprintiq');
const lmif = registry.require('lmif');
const SECRET = 'whsec_prod_2f9a8b7c6d5e';
const compactPrynt = JSON.stringify(buildSample(prynt, 'verdict.block', 21));

function pryntHeaders(body: string | Buffer, ts: number, sigTs = ts, key = SECRET): [string, string][] {
  return [
    [
      'x-prynt-signature',
      `sha256=${hmac(key, Buffer.concat([Buffer.from(`${sigTs}.`), Buffer.from(body)])).toString('hex')}`,
    ],
    ['x-prynt-timestamp', String(ts)],
  ];
}

describe('a changed body', () => {
  it('a pretty-printed body (a handler or proxy re-formatted the JSON) is named', () => {
    const pretty = JSON.stringify(JSON.parse(compactPrynt), null, 2);
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC),
      body: Buffer.from(pretty),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(v.status).toBe('invalid');
    expect(codes(v)).toEqual(['body-pretty-printed']);
    expect(v.diagnostics[0].message).toMatch(/compact JSON\.stringify/);
  });

  it('a compacted body (signed pretty, re-serialized on the way) is named', () => {
    const pretty = JSON.stringify(JSON.parse(compactPrynt), null, 2);
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(pretty, NOW_SEC),
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(v)).toEqual(['body-compacted']);
    expect(v.diagnostics[0].message).toMatch(/2 spaces/);
  });

  it('keys re-ordered (sorted) after signing are named', () => {
    const fullySorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(fullySorted)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.keys(value)
                .sort()
                .map((k) => [k, fullySorted((value as Record<string, unknown>)[k])]),
            )
          : value;
    const signed = JSON.stringify(fullySorted(JSON.parse(compactPrynt)));
    expect(signed).not.toBe(compactPrynt);
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(signed, NOW_SEC),
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(v)).toEqual(['body-keys-sorted']);
  });

  it('unicode escaped as \\uXXXX after signing, and the other way round, are named', () => {
    const raw = '{"city":"São Paulo","name":"Zoë 🚀"}';
    const escaped = '{"city":"S\\u00e3o Paulo","name":"Zo\\u00eb \\ud83d\\ude80"}';
    const signedRawGotEscaped = verifyRequest(prynt, {
      headers: pryntHeaders(raw, NOW_SEC),
      body: Buffer.from(escaped),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(signedRawGotEscaped)).toEqual(['body-unicode-unescaped']);
    const signedEscapedGotRaw = verifyRequest(prynt, {
      headers: pryntHeaders(escaped, NOW_SEC),
      body: Buffer.from(raw),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(signedEscapedGotRaw)).toEqual(['body-unicode-escaped']);
  });

  it('a trailing newline added or removed is named', () => {
    const added = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC),
      body: Buffer.from(`${compactPrynt}\n`),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(added)).toEqual(['body-trailing-newline-added']);
    const removed = verifyRequest(prynt, {
      headers: pryntHeaders(`${compactPrynt}\n`, NOW_SEC),
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(removed)).toEqual(['body-trailing-newline-removed']);
  });
});

describe('the secret', () => {
  const STAGING = 'whsec_staging_0a1b2c3d';

  it('with several secrets configured, the one that matched is named and the verdict is valid', () => {
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC),
      body: Buffer.from(compactPrynt),
      secrets: [STAGING, SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(v.status).toBe('valid');
    expect(v.secretIndex).toBe(1);
    expect(codes(v)).toEqual(['secret-other-matched']);
    expect(v.detail).toContain('secret #2');
  });

  it('a secret from another environment, known to Hookscope but not configured here, is named without making the request valid', () => {
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC),
      body: Buffer.from(compactPrynt),
      secrets: [STAGING],
      nowMs: NOW_SEC * 1000,
      otherSecrets: [{ label: 'endpoint "prod-orders"', secret: SECRET }],
    });
    expect(v.status).toBe('invalid');
    expect(codes(v)).toEqual(['secret-from-elsewhere']);
    expect(v.diagnostics[0].message).toContain('prod-orders');
  });

  it('an unknown secret ends in no-secret-matched with expected, received and the signed bytes', () => {
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC),
      body: Buffer.from(compactPrynt),
      secrets: [STAGING],
      nowMs: NOW_SEC * 1000,
    });
    expect(v.status).toBe('invalid');
    expect(codes(v)).toEqual(['no-secret-matched']);
    expect(v.expected).toBe(`sha256=${hmac(STAGING, `${NOW_SEC}.${compactPrynt}`).toString('hex')}`);
    expect(v.received).toBe(pryntHeaders(compactPrynt, NOW_SEC)[0][1]);
    expect(v.signedBytes?.text).toBe(`${NOW_SEC}.${compactPrynt}`);
    expect(v.signedBytes?.hex).toBe(Buffer.from(`${NOW_SEC}.${compactPrynt}`).toString('hex'));
  });

  it('a whsec_ secret used as raw text where Standard Webhooks base64-decodes it is named', () => {
    const sw = registry.require('standard-webhooks');
    const secret = `whsec_${Buffer.from('standard webhooks key bytes').toString('base64')}`;
    const body = '{"type":"user.created","timestamp":"2026-03-01T00:00:00.000Z","data":{}}';
    const sig = hmac(secret, `msg_1.${NOW_SEC}.${body}`).toString('base64');
    const headers: [string, string][] = [
      ['webhook-id', 'msg_1'],
      ['webhook-timestamp', String(NOW_SEC)],
      ['webhook-signature', `v1,${sig}`],
    ];
    const v = verifyRequest(sw, { headers, body: Buffer.from(body), secrets: [secret], nowMs: NOW_SEC * 1000 });
    expect(v.status).toBe('invalid');
    expect(codes(v)).toEqual(['whsec-used-raw']);
  });

  it('a whsec_ secret base64-decoded where LRDefender uses the whole string is named', () => {
    const lr = registry.require('lrdefender');
    const secret = `whsec_${Buffer.from('lrdefender key').toString('base64')}`;
    const body = JSON.stringify(buildSample(lr, 'bot.detected', 2));
    const sig = hmac(Buffer.from(secret.slice(6), 'base64'), `${NOW_SEC}.${body}`).toString('hex');
    const v = verifyRequest(lr, {
      headers: [['X-Webhook-Signature', `t=${NOW_SEC},v1=${sig}`]],
      body: Buffer.from(body),
      secrets: [secret],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(v)).toEqual(['whsec-base64-decoded']);
  });
});

describe('the signature value', () => {
  const body = JSON.stringify(buildSample(fiq, 'threat.detected', 3));
  const digest = hmac(SECRET, body);

  it('a kept "sha256=" prefix where the provider sends a bare digest is named', () => {
    const v = verifyRequest(fiq, {
      headers: [['X-FIQ-Signature', `sha256=${digest.toString('hex')}`]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(v.status).toBe('invalid');
    // The documented handler hex-decodes "sha256=..." to nothing, and timingSafeEqual throws on the length.
    expect(codes(v)).toEqual(['prefix-added', 'documented-handler-throws']);
  });

  it('a dropped "sha256=" prefix where the provider requires it is named', () => {
    const v = verifyRequest(lmif, {
      headers: [['X-LMIF-Signature', digest.toString('hex')]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(v.status).toBe('invalid');
    expect(codes(v)).toEqual(['prefix-dropped', 'documented-handler-throws']);
  });

  it('base64 where hex is expected, and hex where base64 is expected, are named', () => {
    const v = verifyRequest(fiq, {
      headers: [['X-FIQ-Signature', digest.toString('base64')]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(codes(v)).toEqual(['digest-encoding-mismatch', 'documented-handler-throws']);
    expect(v.diagnostics[0].message).toMatch(/base64.*hex/);
    // Uppercase hex: FingerprintIQ's documented Buffer.from(sig, 'hex') accepts it (documented-handler.test.ts); LMIF's string comparison does not.
    const upper = verifyRequest(lmif, {
      headers: [['X-LMIF-Signature', `sha256=${digest.toString('hex').toUpperCase()}`]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(upper.status).toBe('invalid');
    expect(upper.diagnostics[0].message).toMatch(/uppercase hex/);
    const shopify = registry.require('shopify');
    const w = verifyRequest(shopify, {
      headers: [['X-Shopify-Hmac-Sha256', digest.toString('hex')]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(codes(w)).toEqual(['digest-encoding-mismatch']);
  });

  it('several v1 values: says which matched, or that none did', () => {
    const stripe = registry.require('stripe');
    const good = hmac(SECRET, `${NOW_SEC}.${body}`).toString('hex');
    const other = hmac('whsec_old', `${NOW_SEC}.${body}`).toString('hex');
    const matched = verifyRequest(stripe, {
      headers: [['Stripe-Signature', `t=${NOW_SEC},v1=${other},v1=${good},v0=abc`]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(matched.status).toBe('valid');
    expect(matched.diagnostics).toEqual([
      { code: 'multiple-signatures', message: 'The header carries 2 signatures; the 2nd one matched.' },
    ]);
    const none = verifyRequest(stripe, {
      headers: [['Stripe-Signature', `t=${NOW_SEC},v1=${other},v1=${other.replace(/^./, '0')},v1=${'f'.repeat(64)}`]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(none.status).toBe('invalid');
    expect(none.diagnostics[0]).toEqual({
      code: 'multiple-signatures',
      message: 'The header carries 3 signatures and none of them matched.',
    });
  });

  it('a signature header sent twice is noted, and either value may match', () => {
    const good = `sha256=${hmac(SECRET, `${NOW_SEC}.${compactPrynt}`).toString('hex')}`;
    const v = verifyRequest(prynt, {
      headers: [
        ['X-Prynt-Signature', 'sha256=00'],
        ['X-Prynt-Signature', good],
        ['X-Prynt-Timestamp', String(NOW_SEC)],
      ],
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(v.status).toBe('valid');
    expect(codes(v)).toContain('duplicate-signature-header');
  });
});

describe('the timestamp', () => {
  it('a signature older than the window is stale, with its age', () => {
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC),
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: (NOW_SEC + 420) * 1000,
    });
    expect(v.status).toBe('stale');
    expect(v.ageSeconds).toBe(420);
    expect(v.toleranceSeconds).toBe(300);
    expect(codes(v)).toEqual(['timestamp-stale']);
  });

  it('a timestamp far in the future (clock skew) is stale and named as such', () => {
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC + 900),
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(v.status).toBe('stale');
    expect(v.ageSeconds).toBe(-900);
    expect(codes(v)).toEqual(['timestamp-future']);
  });

  it('a timestamp header refreshed after signing (a naive replay) is found', () => {
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC, NOW_SEC - 37),
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(v.status).toBe('invalid');
    expect(codes(v)).toEqual(['timestamp-mismatch']);
    expect(v.diagnostics[0].message).toContain(String(NOW_SEC - 37));
  });

  it('milliseconds signed where seconds are sent is named', () => {
    const v = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC, NOW_SEC * 1000),
      body: Buffer.from(compactPrynt),
      secrets: [SECRET],
      nowMs: NOW_SEC * 1000,
    });
    expect(codes(v)).toEqual(['timestamp-unit']);
  });

  it('a signature over the body alone, where the scheme signs the timestamp too, is named', () => {
    const slack = registry.require('slack');
    const body = '{"type":"url_verification","challenge":"abc"}';
    const headers: [string, string][] = [
      ['X-Slack-Request-Timestamp', String(NOW_SEC)],
      ['X-Slack-Signature', `v0=${hmac(SECRET, body).toString('hex')}`],
    ];
    const v = verifyRequest(slack, { headers, body: Buffer.from(body), secrets: [SECRET], nowMs: NOW_SEC * 1000 });
    expect(codes(v)).toEqual(['timestamp-not-signed']);
  });
});

describe('ClickDefender: raw and re-serialized bodies', () => {
  const cd = registry.require('clickdefender');
  const fixture = loadFixtures().find((f) => f.providerId === 'clickdefender' && f.eventType === 'fraud_detected');
  if (!fixture) throw new Error('fixture missing');
  const compact = JSON.stringify(fixture.payload);

  it('compact JSON (what the sender sends): both forms match, no warning', () => {
    const req = buildOutgoingRequest(cd, {
      eventType: 'fraud_detected',
      payload: fixture.payload,
      secret: SECRET,
      timestampSec: NOW_SEC,
    });
    const v = verifyRequest(cd, { headers: req.headers, body: req.body, secrets: [SECRET], nowMs: 0 });
    expect(v.status).toBe('valid');
    expect(v.matchedForm).toBe('re-serialized');
    expect(v.diagnostics).toEqual([]);
  });

  it("pretty body signed re-serialized (the Node example's way): valid, and warns that a raw-body handler disagrees", () => {
    const sig = hmac(SECRET, compact).toString('hex');
    const v = verifyRequest(cd, {
      headers: [['X-ClickDefender-Signature', sig]],
      body: fixture.bytes,
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(v.status).toBe('valid');
    expect(v.matchedForm).toBe('re-serialized');
    expect(codes(v)).toEqual(['body-form-reserialized-only']);
  });

  it("pretty body signed raw (the Python example's way): valid, and warns that a re-serializing handler disagrees", () => {
    const sig = hmac(SECRET, fixture.bytes).toString('hex');
    const v = verifyRequest(cd, {
      headers: [['X-ClickDefender-Signature', sig]],
      body: fixture.bytes,
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(v.status).toBe('valid');
    expect(v.matchedForm).toBe('raw');
    expect(codes(v)).toEqual(['body-form-raw-only']);
  });
});

describe('verdicts that stop before comparing', () => {
  it('missing, malformed, no secret', () => {
    const body = Buffer.from(compactPrynt);
    expect(verifyRequest(prynt, { headers: [], body, secrets: [SECRET], nowMs: 0 }).status).toBe('missing');
    const noTs = verifyRequest(prynt, {
      headers: [pryntHeaders(compactPrynt, NOW_SEC)[0]],
      body,
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(noTs.status).toBe('missing');
    expect(noTs.detail).toContain('X-Prynt-Timestamp');
    const badTs = verifyRequest(prynt, {
      headers: [pryntHeaders(compactPrynt, NOW_SEC)[0], ['X-Prynt-Timestamp', 'yesterday']],
      body,
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(badTs.status).toBe('malformed');
    const lr = registry.require('lrdefender');
    const malformed = verifyRequest(lr, {
      headers: [['X-Webhook-Signature', 't=soon,v1=abcd']],
      body,
      secrets: [SECRET],
      nowMs: 0,
    });
    expect(malformed.status).toBe('malformed');
    expect(malformed.detail).toMatch(/not a whole number/);
    const noSecret = verifyRequest(prynt, {
      headers: pryntHeaders(compactPrynt, NOW_SEC),
      body,
      secrets: [''],
      nowMs: NOW_SEC * 1000,
    });
    expect(noSecret.status).toBe('no-secret');
    expect(noSecret.signedBytes?.text).toBe(`${NOW_SEC}.${compactPrynt}`);
  });

  it('LRDefender: the plain form has no replay window, the timestamped one has', () => {
    const lr = registry.require('lrdefender');
    const body = JSON.stringify(buildSample(lr, 'device.new', 1));
    const plain = verifyRequest(lr, {
      headers: [['x-webhook-signature', hmac(SECRET, body).toString('hex')]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: (NOW_SEC + 86_400) * 1000,
    });
    expect(plain).toMatchObject({ status: 'valid', matchedForm: 'plain', scheme: 'lrdefender/plain' });
    const stamped = `t=${NOW_SEC},v1=${hmac(SECRET, `${NOW_SEC}.${body}`).toString('hex')}`;
    const late = verifyRequest(lr, {
      headers: [['x-webhook-signature', stamped]],
      body: Buffer.from(body),
      secrets: [SECRET],
      nowMs: (NOW_SEC + 86_400) * 1000,
    });
    expect(late).toMatchObject({ status: 'stale', matchedForm: 'timestamped', ageSeconds: 86_400 });
  });
});
