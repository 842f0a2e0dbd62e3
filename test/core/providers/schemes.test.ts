/**
 * The signature schemes beyond HMAC-SHA256/hex/base64, through user provider
 * files (the same schema built-ins use): each signs what an independent
 * node:crypto computation says, verifies valid, and is invalid after a
 * one-byte change; a wrong encoding or algorithm is refused by the schema.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  signRequest,
  verifyRequest,
} from '../../../src/core/providers';
import { providerDefinitionSchema } from '../../../src/shared/provider-schema';
import type { ProviderDefinition } from '../../../src/shared/providers';

function provider(form: Record<string, unknown>): ProviderDefinition {
  return providerDefinitionSchema.parse({
    id: 'p',
    name: 'P',
    signature: { forms: [{ name: 'default', label: 'L', header: 'X-Sig', ...form }] },
    events: [{ type: 'e' }],
  }) as ProviderDefinition;
}

const BODY = Buffer.from('{"event":"e","n":1}');
const TS = 1_780_000_000;

const CASES: { name: string; form: Record<string, unknown>; expected: (secret: string) => string }[] = [
  {
    name: 'HMAC-SHA1 base64 (Twilio)',
    form: { algorithm: 'hmac-sha1', format: { kind: 'plain' }, digest: 'base64' },
    expected: (s) => createHmac('sha1', s).update(BODY).digest('base64'),
  },
  {
    name: 'HMAC-SHA512 hex',
    form: { algorithm: 'hmac-sha512', format: { kind: 'prefixed', prefix: 'sha512=' }, digest: 'hex' },
    expected: (s) => `sha512=${createHmac('sha512', s).update(BODY).digest('hex')}`,
  },
  {
    name: 'HMAC-SHA256 base64url',
    form: { format: { kind: 'plain' }, digest: 'base64url' },
    expected: (s) => createHmac('sha256', s).update(BODY).digest('base64url'),
  },
  {
    name: 'ts=..;h1=.. over "<ts>:<body>" (Paddle)',
    form: {
      format: { kind: 'kv', timestampKey: 'ts', signatureKey: 'h1', separator: ';' },
      digest: 'hex',
      signedContent: { template: '{timestamp}:{body}' },
      timestamp: { in: 'signature' },
      toleranceSeconds: 5,
    },
    expected: (s) => `ts=${TS};h1=${createHmac('sha256', s).update(`${TS}:${BODY}`).digest('hex')}`,
  },
];

describe.each(CASES)('$name', ({ form, expected }) => {
  const p = provider(form);
  const secret = 'pdl_ntfset_secret_123';

  it('signs what node:crypto computes, verifies valid, and a one-byte change is invalid', () => {
    const signed = signRequest(p, { secret, body: BODY, timestampSec: TS });
    const header = signed.headers.find(([k]) => k === 'X-Sig')!;
    expect(header[1]).toBe(expected(secret));
    expect(
      verifyRequest(p, { headers: signed.headers, body: BODY, secrets: [secret], nowMs: TS * 1000 }),
    ).toMatchObject({ status: 'valid', expected: header[1] });
    const changed = Buffer.from(BODY);
    changed[3] ^= 1;
    const verdict = verifyRequest(p, { headers: signed.headers, body: changed, secrets: [secret], nowMs: TS * 1000 });
    expect(verdict.status).toBe('invalid');
    expect(verdict.diagnostics.map((d) => d.code)).toEqual(['no-secret-matched']);
  });
});

describe('the schema', () => {
  it('refuses an unknown algorithm, digest or kv separator, naming the field', () => {
    for (const [form, path] of [
      [{ algorithm: 'md5', format: { kind: 'plain' }, digest: 'hex' }, 'algorithm'],
      [{ format: { kind: 'plain' }, digest: 'base32' }, 'digest'],
      [{ format: { kind: 'kv', separator: '|' }, digest: 'hex', timestamp: { in: 'signature' } }, 'separator'],
    ] as const) {
      const result = providerDefinitionSchema.safeParse({
        id: 'p',
        name: 'P',
        signature: { forms: [{ name: 'd', label: 'L', header: 'X-Sig', ...form }] },
        events: [{ type: 'e' }],
      });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.path.join('.')).join(' ')).toContain(path);
    }
  });
});

describe('shared token (GitLab X-Gitlab-Token)', () => {
  const gitlab = createProviderRegistry().require('gitlab');
  const TOKEN = 'glwt-s3cr3t_token';

  it('the header carries the token; the right one is valid, another is invalid, and no verdict shows the token back', () => {
    const req = buildOutgoingRequest(gitlab, {
      eventType: 'Push Hook',
      payload: buildSample(gitlab, 'Push Hook', 1),
      secret: TOKEN,
      timestampSec: TS,
    });
    expect(req.headers).toEqual(
      expect.arrayContaining([
        ['X-Gitlab-Token', TOKEN],
        ['X-Gitlab-Event', 'Push Hook'],
      ]),
    );
    const valid = verifyRequest(gitlab, {
      headers: req.headers,
      body: req.body,
      secrets: ['old-token', TOKEN],
      nowMs: TS * 1000,
    });
    expect(valid).toMatchObject({ status: 'valid', secretIndex: 1 });
    expect(valid.expected).toBeUndefined();
    const wrong = verifyRequest(gitlab, {
      headers: [['X-Gitlab-Token', 'glwt-s3cr3t_tokeN']],
      body: req.body,
      secrets: [TOKEN],
      nowMs: TS * 1000,
    });
    expect(wrong.status).toBe('invalid');
    expect(JSON.stringify(wrong)).not.toContain(TOKEN);
    expect(verifyRequest(gitlab, { headers: [], body: req.body, secrets: [TOKEN], nowMs: 0 }).status).toBe('missing');
  });
});
