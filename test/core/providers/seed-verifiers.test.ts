/**
 * Each provider's own verification code, re-implemented from its seed
 * document independently of our verifier, must accept what our sender
 * produces for every event type, and reject a body with one byte changed.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOutgoingRequest, buildSample, createProviderRegistry } from '../../../src/core/providers';
import type { ProviderDefinition } from '../../../src/shared/providers';
import { NOW_SEC, flipByte, header, loadFixtures } from './helpers';

const registry = createProviderRegistry();
const SECRET = 'whsec_a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6';

type Received = { headers: [string, string][]; body: Buffer };
type SeedVerifier = (req: Received, nowSec: number) => boolean;

/** LRDefender (seed 000): plain hex HMAC of the payload, or t=<unix>,v1=<hex> over "<t>.<payload>", tolerance 300. */
const lrdefenderVerify: SeedVerifier = (req, nowSec) => {
  const signature = header(req.headers, 'x-webhook-signature') ?? '';
  const secret = SECRET;
  const hmac = (data: Buffer | string) => crypto.createHmac('sha256', secret).update(data).digest('hex');
  const safeEqual = (a: string, b: string) =>
    a.length === b.length && crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b));
  if (signature.includes('t=')) {
    const parts = Object.fromEntries(signature.split(',').map((p) => p.split('=') as [string, string]));
    const t = Number(parts.t);
    if (Math.abs(nowSec - t) > 300) return false;
    return safeEqual(parts.v1 ?? '', hmac(Buffer.concat([Buffer.from(`${parts.t}.`), req.body])));
  }
  return safeEqual(signature, hmac(req.body));
};

/** FingerprintIQ (seed 001), the Node example verbatim. */
function fiqVerifyWebhook(rawBody: Buffer, signature: string, webhookSecret: string): boolean {
  const expected = crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(expected, 'hex'));
}
const fingerprintiqVerify: SeedVerifier = (req) => {
  const sig = header(req.headers, 'x-fiq-signature') ?? '';
  try {
    return fiqVerifyWebhook(req.body, sig, SECRET);
  } catch {
    return false; // timingSafeEqual throws on a length mismatch: the handler answers 500, not 200.
  }
};

/** ClickDefender (seed 002), the Node example verbatim: payload = JSON.stringify(req.body) after express.json(). */
function clickVerifyWebhookSignature(payload: string, signature: string, secret: string): boolean {
  const expectedSignature = crypto.createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expectedSignature));
}
const clickdefenderNodeVerify: SeedVerifier = (req) => {
  const signature = header(req.headers, 'x-clickdefender-signature') ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    return false; // express.json() answers 400
  }
  try {
    return clickVerifyWebhookSignature(JSON.stringify(parsed), signature, SECRET);
  } catch {
    return false;
  }
};
/** ClickDefender's Python example (hmac.compare_digest over the raw text), in TypeScript. */
const clickdefenderPythonVerify: SeedVerifier = (req) => {
  const signature = header(req.headers, 'x-clickdefender-signature') ?? '';
  const expected = crypto
    .createHmac('sha256', Buffer.from(SECRET, 'utf8'))
    .update(Buffer.from(req.body.toString('utf8'), 'utf8'))
    .digest('hex');
  return signature.length === expected.length && crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
};

/** LMIF (seed 003), the manual verification verbatim. */
function lmifVerifyWebhook(payload: string | Buffer, signature: string, secret: string): boolean {
  const expectedSignature = crypto.createHmac('sha256', secret).update(payload).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(`sha256=${expectedSignature}`));
}
const lmifVerify: SeedVerifier = (req) => {
  try {
    return lmifVerifyWebhook(req.body, header(req.headers, 'x-lmif-signature') ?? '', SECRET);
  } catch {
    return false;
  }
};

/** Prynt (seed 004), verifyWebhookSignature verbatim, with Date.now() / 1000 passed in as nowSec. */
function pryntVerifyWebhookSignature(req: { headers: Record<string, string>; body: Buffer }, nowSec: number): boolean {
  const signature = req.headers['x-prynt-signature'];
  const timestamp = req.headers['x-prynt-timestamp'];
  const age = Math.abs(nowSec - parseInt(timestamp));
  if (age > 300) {
    throw new Error('Webhook timestamp too old');
  }
  const payload = `${timestamp}.${req.body}`;
  const expected = 'sha256=' + crypto.createHmac('sha256', SECRET).update(payload).digest('hex');
  if (!crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
    throw new Error('Invalid webhook signature');
  }
  return true;
}
const pryntVerify: SeedVerifier = (req, nowSec) => {
  const headers = Object.fromEntries(req.headers.map(([k, v]) => [k.toLowerCase(), v]));
  try {
    return pryntVerifyWebhookSignature({ headers, body: req.body }, nowSec);
  } catch {
    return false;
  }
};

const cases: { id: string; verifiers: Record<string, SeedVerifier>; forms?: string[] }[] = [
  { id: 'lrdefender', verifiers: { sdk: lrdefenderVerify }, forms: ['timestamped', 'plain'] },
  { id: 'fingerprintiq', verifiers: { node: fingerprintiqVerify } },
  { id: 'clickdefender', verifiers: { node: clickdefenderNodeVerify, python: clickdefenderPythonVerify } },
  { id: 'lmif', verifiers: { node: lmifVerify } },
  { id: 'prynt', verifiers: { node: pryntVerify } },
];

function send(provider: ProviderDefinition, eventType: string, payload: unknown, form?: string): Received {
  const req = buildOutgoingRequest(provider, { eventType, payload, secret: SECRET, timestampSec: NOW_SEC, form });
  return { headers: req.headers, body: Buffer.from(req.body) };
}

describe.each(cases)("$id: the seed document's own verifier", ({ id, verifiers, forms }) => {
  const provider = registry.require(id);
  for (const form of forms ?? [undefined]) {
    for (const [name, verify] of Object.entries(verifiers)) {
      const label = `${name}${form ? ` (${form} form)` : ''}`;

      it(`${label} accepts our request for every event type, for several seeds`, () => {
        for (const event of provider.events) {
          for (const seed of [1, 2, 3]) {
            const req = send(provider, event.type, buildSample(provider, event.type, seed), form);
            expect(verify(req, NOW_SEC + 3), `${event.type} seed ${seed}`).toBe(true);
          }
        }
      });

      it(`${label} rejects our request when any one body byte changes`, () => {
        for (const event of provider.events) {
          const req = send(provider, event.type, buildSample(provider, event.type, 11), form);
          const step = Math.max(1, Math.floor(req.body.length / 40));
          for (let i = 0; i < req.body.length; i += step) {
            expect(
              verify({ headers: req.headers, body: flipByte(req.body, i) }, NOW_SEC),
              `${event.type} byte ${i}`,
            ).toBe(false);
          }
        }
      });
    }
  }

  it("accepts the document's own example payload signed by our sender", () => {
    for (const fixture of loadFixtures().filter((f) => f.providerId === id)) {
      const req = send(provider, fixture.eventType, fixture.payload);
      for (const verify of Object.values(verifiers)) expect(verify(req, NOW_SEC)).toBe(true);
    }
  });
});

describe("the seeds' replay windows", () => {
  it("Prynt's verifier refuses our request once 300 s have passed, and so does ours", async () => {
    const { verifyRequest } = await import('../../../src/core/providers');
    const provider = registry.require('prynt');
    const req = send(provider, 'verdict.block', buildSample(provider, 'verdict.block', 5));
    expect(pryntVerify(req, NOW_SEC + 300)).toBe(true);
    expect(pryntVerify(req, NOW_SEC + 301)).toBe(false);
    expect(
      verifyRequest(provider, {
        headers: req.headers,
        body: req.body,
        secrets: [SECRET],
        nowMs: (NOW_SEC + 300) * 1000,
      }).status,
    ).toBe('valid');
    expect(
      verifyRequest(provider, {
        headers: req.headers,
        body: req.body,
        secrets: [SECRET],
        nowMs: (NOW_SEC + 301) * 1000,
      }).status,
    ).toBe('stale');
  });
});
