/**
 * Verdicts describe what the documented code would do. Oracles: each
 * provider's verification code from its seed document, written out here
 * independently of the verifier. For every mangled signature value, the
 * verdict says "accepted by the documented handler" exactly when the oracle
 * accepts a value the strict check rejects, and names the exception exactly
 * when the oracle throws.
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createProviderRegistry, verifyRequest } from '../../../src/core/providers';
import type { SignatureVerdict } from '../../../src/shared/providers';

const registry = createProviderRegistry();
const SECRET = 'whsec_documented_handlers';
const BODY = Buffer.from(
  '{"event":"visit.new","timestamp":1796391462123,"data":{"visitorId":"iq_01hq3z8k7m2n4p6r8t0v2x4z6b"}}',
);
const NOW_SEC = 1_796_391_462;

type Outcome = 'accept' | 'reject' | 'throw';
const run = (fn: () => boolean): Outcome => {
  try {
    return fn() ? 'accept' : 'reject';
  } catch {
    return 'throw';
  }
};

/** Seed 001, verbatim: the signature goes through Buffer.from(signature, 'hex'). */
function fiqVerifyWebhook(rawBody: Buffer, signature: string, webhookSecret: string): boolean {
  const expected = crypto.createHmac('sha256', webhookSecret).update(rawBody).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(expected, 'hex'));
}
/** Seed 003, verbatim. */
function lmifVerifyWebhook(payload: Buffer, signature: string, secret: string): boolean {
  const expectedSignature = crypto.createHmac('sha256', secret).update(payload).digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(`sha256=${expectedSignature}`));
}
/** Seed 002, the Node example verbatim (payload = JSON.stringify(req.body)). */
function clickVerifyWebhookSignature(payload: string, signature: string, secret: string): boolean {
  const expectedSignature = crypto.createHmac('sha256', secret).update(payload, 'utf8').digest('hex');
  return crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expectedSignature));
}
/** Seed 004, verbatim apart from the request plumbing: any throw inside is caught and answered 401. */
function pryntVerify(body: Buffer, signature: string, timestamp: string): boolean {
  try {
    const age = Math.abs(NOW_SEC - parseInt(timestamp));
    if (age > 300) throw new Error('Webhook timestamp too old');
    const payload = `${timestamp}.${body}`;
    const expected = 'sha256=' + crypto.createHmac('sha256', SECRET).update(payload).digest('hex');
    if (!crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected)))
      throw new Error('Invalid webhook signature');
    return true;
  } catch {
    return false;
  }
}

const hmacHex = (data: Buffer | string) => crypto.createHmac('sha256', SECRET).update(data).digest('hex');

const PROVIDERS = {
  fingerprintiq: {
    header: 'X-FIQ-Signature',
    good: () => hmacHex(BODY),
    extra: [] as [string, string][],
    oracle: (sig: string) => run(() => fiqVerifyWebhook(BODY, sig, SECRET)),
  },
  lmif: {
    header: 'X-LMIF-Signature',
    good: () => `sha256=${hmacHex(BODY)}`,
    extra: [] as [string, string][],
    oracle: (sig: string) => run(() => lmifVerifyWebhook(BODY, sig, SECRET)),
  },
  clickdefender: {
    header: 'X-ClickDefender-Signature',
    good: () => hmacHex(JSON.stringify(JSON.parse(BODY.toString('utf8')))),
    extra: [] as [string, string][],
    oracle: (sig: string) =>
      run(() => clickVerifyWebhookSignature(JSON.stringify(JSON.parse(BODY.toString('utf8'))), sig, SECRET)),
  },
  prynt: {
    header: 'X-Prynt-Signature',
    good: () => `sha256=${hmacHex(`${NOW_SEC}.${BODY}`)}`,
    extra: [['X-Prynt-Timestamp', String(NOW_SEC)]] as [string, string][],
    oracle: (sig: string) => run(() => pryntVerify(BODY, sig, String(NOW_SEC))),
  },
};

/** Ways a signature value gets mangled on its way to a handler. */
const MANGLES: Record<string, (good: string) => string> = {
  exact: (g) => g,
  uppercase: (g) => g.toUpperCase(),
  'uppercase digest only': (g) => g.replace(/[0-9a-f]{64}$/, (d) => d.toUpperCase()),
  'junk suffix': (g) => `${g}zz`,
  'junk suffix after a space': (g) => `${g} trailing`,
  'junk suffix after a comma': (g) => `${g},v2`,
  'extra hex pair': (g) => `${g}00`,
  'one hex digit more': (g) => `${g}0`,
  'truncated by one': (g) => g.slice(0, -1),
  'truncated by two': (g) => g.slice(0, -2),
  'another digest of the same length': (g) => g.replace(/[0-9a-f]{64}$/, '0'.repeat(64)),
  'prefix added': (g) => (g.startsWith('sha256=') ? `sha256=${g}` : `sha256=${g}`),
  'prefix dropped': (g) => g.replace(/^sha256=/, ''),
  base64: (g) => Buffer.from(g.replace(/^sha256=/, ''), 'hex').toString('base64'),
};

const codes = (v: SignatureVerdict) => v.diagnostics.map((d) => d.code);

describe('verdicts say what the documented handler would do', () => {
  for (const [id, p] of Object.entries(PROVIDERS)) {
    for (const [mangle, fn] of Object.entries(MANGLES)) {
      it(`${id}: ${mangle}`, () => {
        const value = fn(p.good());
        const oracle = p.oracle(value);
        const v = verifyRequest(registry.require(id), {
          headers: [[p.header, value], ...p.extra],
          body: BODY,
          secrets: [SECRET],
          nowMs: NOW_SEC * 1000,
        });
        if (v.status === 'valid') {
          expect(oracle, 'the documented handler accepts what the verifier calls valid').toBe('accept');
          return;
        }
        if (oracle === 'accept') {
          expect(v.status).toBe('invalid');
          expect(v.detail).toMatch(/^Accepted by the documented handler, rejected by a strict comparison/);
          expect(codes(v)).toEqual(['documented-handler-accepts']);
        } else {
          expect(codes(v)).not.toContain('documented-handler-accepts');
          expect(v.detail).not.toMatch(/documented handler/);
        }
        expect(codes(v).includes('documented-handler-throws'), `throws: ${oracle}`).toBe(oracle === 'throw');
      });
    }
  }

  it("FingerprintIQ: an uppercase or junk-suffixed signature is accepted by the documented handler, not 'invalid' for a wrong reason", () => {
    const fiq = registry.require('fingerprintiq');
    for (const value of [hmacHex(BODY).toUpperCase(), `${hmacHex(BODY)}zz`, `${hmacHex(BODY)} and more`]) {
      expect(PROVIDERS.fingerprintiq.oracle(value)).toBe('accept');
      const v = verifyRequest(fiq, { headers: [['X-FIQ-Signature', value]], body: BODY, secrets: [SECRET], nowMs: 0 });
      expect(v.detail).toContain('Accepted by the documented handler, rejected by a strict comparison');
      expect(v.detail).toContain("Buffer.from(signature, 'hex')");
      expect(v.diagnostics[0].message).toMatch(/accepts this value; a strict comparison .* rejects it/);
      expect(codes(v)).not.toContain('no-secret-matched');
      expect(codes(v)).not.toContain('digest-encoding-mismatch');
    }
    // With the wrong secret the documented handler rejects it too: no such claim.
    const wrong = verifyRequest(fiq, {
      headers: [['X-FIQ-Signature', hmacHex(BODY).toUpperCase()]],
      body: BODY,
      secrets: ['another'],
      nowMs: 0,
    });
    expect(codes(wrong)).not.toContain('documented-handler-accepts');
  });

  it('Prynt: a timestamp parseInt reads, signed as sent, is accepted by the documented handler though a strict check calls it malformed', () => {
    const prynt = registry.require('prynt');
    const cases = [
      { raw: `${NOW_SEC}.5`, signedWith: `${NOW_SEC}.5` },
      { raw: `${NOW_SEC}abc`, signedWith: `${NOW_SEC}abc` },
      { raw: `${NOW_SEC}.5`, signedWith: String(NOW_SEC) },
      { raw: `${NOW_SEC - 1000}.5`, signedWith: `${NOW_SEC - 1000}.5` },
      { raw: 'soon', signedWith: 'soon' },
    ];
    for (const { raw, signedWith } of cases) {
      const signature = `sha256=${hmacHex(`${signedWith}.${BODY}`)}`;
      const oracle = run(() => pryntVerify(BODY, signature, raw));
      const v = verifyRequest(prynt, {
        headers: [
          ['X-Prynt-Signature', signature],
          ['X-Prynt-Timestamp', raw],
        ],
        body: BODY,
        secrets: [SECRET],
        nowMs: NOW_SEC * 1000,
      });
      if (oracle === 'accept') {
        expect(v.status, raw).toBe('invalid');
        expect(v.detail).toMatch(
          /^Accepted by the documented handler, rejected by a strict comparison: .*not a whole number.*parseInt/,
        );
        expect(codes(v)).toEqual(['documented-handler-accepts']);
      } else {
        expect(v.status, raw).toBe('malformed');
        expect(v.detail).not.toMatch(/documented/);
      }
    }
    // Three pass the documented handler: the two parseInt reads as now, and "soon" (NaN skips the age check).
    expect(
      cases
        .filter((c) => run(() => pryntVerify(BODY, `sha256=${hmacHex(`${c.signedWith}.${BODY}`)}`, c.raw)) === 'accept')
        .map((c) => c.raw),
    ).toEqual([`${NOW_SEC}.5`, `${NOW_SEC}abc`, 'soon']);
  });

  it('LRDefender verifies through SDKs whose code the seed does not show: its verdicts claim nothing about a documented handler', () => {
    const lr = registry.require('lrdefender');
    const good = hmacHex(BODY);
    for (const fn of Object.values(MANGLES)) {
      const v = verifyRequest(lr, {
        headers: [['X-Webhook-Signature', fn(good)]],
        body: BODY,
        secrets: [SECRET],
        nowMs: NOW_SEC * 1000,
      });
      expect(codes(v).filter((c) => c.startsWith('documented-'))).toEqual([]);
      expect(v.detail).not.toMatch(/documented/);
    }
    expect(lr.notes.join(' ')).toMatch(/SDK whose comparison is not shown/);
  });

  it('a missing header makes the handlers that hand it to Buffer.from throw; Prynt catches it', () => {
    for (const [id, p] of Object.entries(PROVIDERS)) {
      const v = verifyRequest(registry.require(id), {
        headers: [...p.extra],
        body: BODY,
        secrets: [SECRET],
        nowMs: NOW_SEC * 1000,
      });
      expect(v.status).toBe('missing');
      const oracle = p.oracle(undefined as unknown as string);
      expect(codes(v).includes('documented-handler-throws'), id).toBe(oracle === 'throw');
    }
  });
});
