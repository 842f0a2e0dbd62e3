/**
 * Two common mistakes at once, each case built with the provider's documented
 * signing in plain node:crypto (not our signer), and the two causes named.
 * The first is issue 15's: a pretty-printed body whose signed original ended
 * in a newline used to get "no common mistake explains it".
 */
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSample, createProviderRegistry, verifyRequest } from '../../../src/core/providers';
import type { DiagnosticCode, SignatureVerdict } from '../../../src/shared/providers';
import { NOW_SEC } from './helpers';

const registry = createProviderRegistry();
const prynt = registry.require('prynt');
const fiq = registry.require('fingerprintiq');
const lr = registry.require('lrdefender');
const sw = registry.require('standard-webhooks');

const hmac = (key: string | Buffer, data: string) => crypto.createHmac('sha256', key).update(data).digest();
const codes = (v: SignatureVerdict) => v.diagnostics.map((d) => d.code);
const SECRET = 'whsec_prod_2f9a8b7c6d5e';
const STAGING = 'whsec_staging_0a1b2c3d';
const ELSEWHERE = [{ label: 'endpoint "staging"', secret: STAGING }];

const compact = JSON.stringify(buildSample(prynt, 'verdict.block', 21));
const pretty = JSON.stringify(JSON.parse(compact), null, 2);
const sortedKeys = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(sortedKeys)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
        )
      : value;
const unicodeRaw = '{"city":"São Paulo","name":"Zoë"}';
const unicodeEscaped = '{"city":"S\\u00e3o Paulo","name":"Zo\\u00eb"}';

/** Prynt: `X-Prynt-Signature: sha256=<hex of HMAC(secret, "<ts>.<body>")>`, the timestamp in its own header. */
function prynt_(o: {
  signed: string;
  ts?: number;
  signedTs?: number | string;
  key?: string;
  value?: (digest: Buffer) => string;
  template?: 'body';
}) {
  const ts = o.ts ?? NOW_SEC;
  const data = o.template === 'body' ? o.signed : `${o.signedTs ?? ts}.${o.signed}`;
  const digest = hmac(o.key ?? SECRET, data);
  return [
    ['X-Prynt-Signature', o.value ? o.value(digest) : `sha256=${digest.toString('hex')}`],
    ['X-Prynt-Timestamp', String(ts)],
  ] as [string, string][];
}

interface Case {
  name: string;
  expected: [DiagnosticCode, DiagnosticCode];
  verdict(): SignatureVerdict;
}

const verifyPrynt = (headers: [string, string][], body: string, otherSecrets?: typeof ELSEWHERE) =>
  verifyRequest(prynt, { headers, body: Buffer.from(body), secrets: [SECRET], nowMs: NOW_SEC * 1000, otherSecrets });

const CASES: Case[] = [
  // body + body
  {
    name: 'pretty-printed, and the signed original ended in a newline (issue 15)',
    expected: ['body-pretty-printed', 'body-trailing-newline-removed'],
    verdict: () => verifyPrynt(prynt_({ signed: `${compact}\n` }), pretty),
  },
  {
    name: 'keys reordered, and the signed original ended in a newline',
    expected: ['body-keys-sorted', 'body-trailing-newline-removed'],
    verdict: () => verifyPrynt(prynt_({ signed: `${JSON.stringify(sortedKeys(JSON.parse(compact)))}\n` }), compact),
  },
  {
    name: 'signed with \\uXXXX escapes and a final newline, received raw without it',
    expected: ['body-trailing-newline-removed', 'body-unicode-escaped'],
    verdict: () => verifyPrynt(prynt_({ signed: `${unicodeEscaped}\n` }), unicodeRaw),
  },
  // the signature value + the body
  {
    name: 'the "sha256=" prefix dropped, and the body pretty-printed',
    expected: ['prefix-dropped', 'body-pretty-printed'],
    verdict: () => verifyPrynt(prynt_({ signed: compact, value: (d) => d.toString('hex') }), pretty),
  },
  {
    name: 'a "sha256=" prefix added where FingerprintIQ sends a bare digest, and the body pretty-printed',
    expected: ['prefix-added', 'body-pretty-printed'],
    verdict: () => {
      const body = JSON.stringify(buildSample(fiq, 'threat.detected', 3));
      return verifyRequest(fiq, {
        headers: [['X-FIQ-Signature', `sha256=${hmac(SECRET, body).toString('hex')}`]],
        body: Buffer.from(JSON.stringify(JSON.parse(body), null, 2)),
        secrets: [SECRET],
        nowMs: NOW_SEC * 1000,
      });
    },
  },
  {
    name: 'uppercase hex, and a trailing newline added',
    expected: ['digest-encoding-mismatch', 'body-trailing-newline-added'],
    verdict: () =>
      verifyPrynt(
        prynt_({ signed: compact, value: (d) => `sha256=${d.toString('hex').toUpperCase()}` }),
        `${compact}\n`,
      ),
  },
  {
    name: 'base64 instead of hex, and keys reordered',
    expected: ['digest-encoding-mismatch', 'body-keys-sorted'],
    verdict: () =>
      verifyPrynt(
        prynt_({
          signed: JSON.stringify(sortedKeys(JSON.parse(compact))),
          value: (d) => `sha256=${d.toString('base64')}`,
        }),
        compact,
      ),
  },
  // the signature value + the signature value
  {
    name: 'the prefix dropped, and the digest in base64',
    expected: ['prefix-dropped', 'digest-encoding-mismatch'],
    verdict: () => verifyPrynt(prynt_({ signed: compact, value: (d) => d.toString('base64') }), compact),
  },
  // the signature value + the timestamp
  {
    name: 'base64 instead of hex, and signed with milliseconds',
    expected: ['digest-encoding-mismatch', 'timestamp-unit'],
    verdict: () =>
      verifyPrynt(
        prynt_({ signed: compact, signedTs: NOW_SEC * 1000, value: (d) => `sha256=${d.toString('base64')}` }),
        compact,
      ),
  },
  {
    name: 'the prefix dropped, and the timestamp changed after signing',
    expected: ['prefix-dropped', 'timestamp-mismatch'],
    verdict: () =>
      verifyPrynt(prynt_({ signed: compact, signedTs: NOW_SEC - 25, value: (d) => d.toString('hex') }), compact),
  },
  {
    name: 'uppercase hex, and the timestamp left out of the signed bytes',
    expected: ['digest-encoding-mismatch', 'timestamp-not-signed'],
    verdict: () =>
      verifyPrynt(
        prynt_({ signed: compact, template: 'body', value: (d) => `sha256=${d.toString('hex').toUpperCase()}` }),
        compact,
      ),
  },
  // the secret + the signature value
  {
    name: 'the secret of another endpoint, and the prefix dropped',
    expected: ['prefix-dropped', 'secret-from-elsewhere'],
    verdict: () =>
      verifyPrynt(prynt_({ signed: compact, key: STAGING, value: (d) => d.toString('hex') }), compact, ELSEWHERE),
  },
  {
    name: 'the secret of another endpoint, and base64 instead of hex',
    expected: ['digest-encoding-mismatch', 'secret-from-elsewhere'],
    verdict: () =>
      verifyPrynt(
        prynt_({ signed: compact, key: STAGING, value: (d) => `sha256=${d.toString('base64')}` }),
        compact,
        ELSEWHERE,
      ),
  },
  // the secret + the timestamp
  {
    name: 'the secret of another endpoint, and the timestamp changed after signing',
    expected: ['secret-from-elsewhere', 'timestamp-mismatch'],
    verdict: () => verifyPrynt(prynt_({ signed: compact, key: STAGING, signedTs: NOW_SEC - 30 }), compact, ELSEWHERE),
  },
  {
    name: 'a whsec_ secret base64-decoded where LRDefender uses it whole, and the timestamp changed after signing',
    expected: ['whsec-base64-decoded', 'timestamp-mismatch'],
    verdict: () => {
      const secret = `whsec_${Buffer.from('lrdefender key').toString('base64')}`;
      const body = JSON.stringify(buildSample(lr, 'bot.detected', 2));
      const sig = hmac(Buffer.from(secret.slice(6), 'base64'), `${NOW_SEC - 7}.${body}`).toString('hex');
      return verifyRequest(lr, {
        headers: [['X-Webhook-Signature', `t=${NOW_SEC},v1=${sig}`]],
        body: Buffer.from(body),
        secrets: [secret],
        nowMs: NOW_SEC * 1000,
      });
    },
  },
  // the secret + the body
  {
    name: 'the secret of another endpoint, and a trailing newline added',
    expected: ['secret-from-elsewhere', 'body-trailing-newline-added'],
    verdict: () => verifyPrynt(prynt_({ signed: compact, key: STAGING }), `${compact}\n`, ELSEWHERE),
  },
  {
    name: 'a whsec_ secret used as raw text where Standard Webhooks base64-decodes it, and the body pretty-printed',
    expected: ['whsec-used-raw', 'body-pretty-printed'],
    verdict: () => {
      const secret = `whsec_${Buffer.from('standard webhooks key bytes').toString('base64')}`;
      const body = '{"type":"user.created","timestamp":"2026-03-01T00:00:00.000Z","data":{"id":"user_1"}}';
      const sig = hmac(secret, `msg_1.${NOW_SEC}.${body}`).toString('base64');
      return verifyRequest(sw, {
        headers: [
          ['webhook-id', 'msg_1'],
          ['webhook-timestamp', String(NOW_SEC)],
          ['webhook-signature', `v1,${sig}`],
        ],
        body: Buffer.from(JSON.stringify(JSON.parse(body), null, 2)),
        secrets: [secret],
        nowMs: NOW_SEC * 1000,
      });
    },
  },
  // the body + the timestamp
  {
    name: 'the body pretty-printed, and the timestamp left out of the signed bytes',
    expected: ['body-pretty-printed', 'timestamp-not-signed'],
    verdict: () => verifyPrynt(prynt_({ signed: compact, template: 'body' }), pretty),
  },
  {
    name: 'a trailing newline added, and the timestamp changed after signing',
    expected: ['body-trailing-newline-added', 'timestamp-mismatch'],
    verdict: () => verifyPrynt(prynt_({ signed: compact, signedTs: NOW_SEC - 12 }), `${compact}\n`),
  },
  {
    name: 'the body compacted (signed pretty), and signed with milliseconds',
    expected: ['body-compacted', 'timestamp-unit'],
    verdict: () => verifyPrynt(prynt_({ signed: pretty, signedTs: NOW_SEC * 1000 }), compact),
  },
];

describe('two common mistakes at once are both named', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const v = c.verdict();
    expect(v.status).toBe('invalid');
    // The two causes first; what the provider's own example handler would do may follow (FingerprintIQ's throws).
    expect(codes(v).slice(0, 2)).toEqual(c.expected);
    expect(
      codes(v)
        .slice(2)
        .every((code) => code.startsWith('documented-handler-')),
    ).toBe(true);
    expect(v.diagnostics[0].message).toMatch(/^Two mistakes together explain this signature\. /);
    expect(v.diagnostics[1].message).toMatch(/^And: /);
  });

  it('every pair of the mistake families is covered by a case above', () => {
    const family = (code: DiagnosticCode) =>
      code.startsWith('body-')
        ? 'body'
        : code.startsWith('timestamp-')
          ? 'timestamp'
          : code.startsWith('prefix-') || code === 'digest-encoding-mismatch'
            ? 'value'
            : 'secret';
    const pairs = new Set(CASES.map((c) => c.expected.map(family).sort().join('+')));
    expect([...pairs].sort()).toEqual([
      'body+body',
      'body+secret',
      'body+timestamp',
      'body+value',
      'secret+timestamp',
      'secret+value',
      'timestamp+value',
      'value+value',
    ]);
  });

  it('a signature no pair explains still ends in "no common mistake explains it"', () => {
    const v = verifyPrynt(
      prynt_({ signed: `${compact}\n`, key: 'whsec_someone_else_entirely', value: (d) => d.toString('base64') }),
      pretty,
    );
    expect(codes(v)).toEqual(['no-secret-matched']);
  });
});
