/**
 * The composed signature schemes as a user's provider file can use them:
 * {url}/{method}/{form} templates, a body hash in a URL query parameter, an
 * HS256 JWT binding the body, a hex key with an HMAC over body fields, and two
 * signature headers from two secrets with an ISO 8601 timestamp. Each file
 * loads and validates; each form signs then verifies, and a one-byte change
 * is invalid with the right diagnosis. Bad files are refused with a named
 * field.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadUserProviders, signRequest, verifyRequest } from '../../../src/core/providers';
import { urlCandidates } from '../../../src/core/providers/request-url';
import type { ProviderDefinition } from '../../../src/shared/providers';

const dir = mkdtempSync(join(tmpdir(), 'hookscope-composed-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = (id: string, form: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  signature: {
    forms: [{ name: 'default', label: `${id} scheme`, format: { kind: 'plain' }, digest: 'base64', ...form }],
  },
  events: [{ type: 'thing.happened', sample: { type: 'thing.happened', n: 1 } }],
  ...extra,
});

const FILES: Record<string, unknown> = {
  'url-form.json': base('acme-form', {
    header: 'X-Acme-Signature',
    algorithm: 'hmac-sha1',
    signedContent: { template: '{url}{form}' },
  }),
  'method-url.json': base('acme-method', {
    header: 'X-Acme-Signature',
    signedContent: { template: '{method}{url}{body}{timestamp}' },
    timestamp: { in: 'header', header: 'X-Acme-Timestamp' },
    toleranceSeconds: 300,
  }),
  'body-hash.json': base('acme-hashq', {
    header: 'X-Acme-Signature',
    signedContent: { template: '{url}' },
    bodyHashQuery: 'bodySHA256',
  }),
  'jwt.json': base('acme-jwt', {
    header: 'Authorization',
    format: { kind: 'prefixed', prefix: 'Bearer ' },
    digest: 'base64url',
    algorithm: 'jwt-hs256',
    jwt: {
      bodyHashClaim: 'body_sha256',
      bodyHashEncoding: 'hex',
      issuer: 'Acme',
      subjectIsUrl: true,
      expiresInSeconds: 60,
    },
  }),
  'fields.json': base('acme-fields', {
    header: 'body:sig',
    secretEncoding: 'hex',
    bodyFields: { items: 'items', fields: ['id', 'amount.value', 'status'], separator: ':', signaturePath: 'sig' },
  }),
  'two-keys.json': base('acme-two', {
    header: 'X-Acme-Sig-Primary',
    signedContent: { template: '{body}{timestamp}' },
    timestamp: { in: 'header', header: 'X-Acme-Time' },
    timestampFormat: 'iso8601',
    toleranceSeconds: 600,
    extraSignatureHeaders: ['X-Acme-Sig-Secondary'],
  }),
  'bad-placeholder.json': base('bad-one', { header: 'X-Bad', signedContent: { template: '{path}{body}' } }),
  'bad-unbound.json': base('bad-two', { header: 'X-Bad', signedContent: { template: '{url}' } }),
  'bad-jwt.json': base('bad-three', { header: 'X-Bad', algorithm: 'jwt-hs256' }),
  'bad-hashq.json': base('bad-four', { header: 'X-Bad', signedContent: { template: '{body}' }, bodyHashQuery: 'h' }),
};
for (const [name, content] of Object.entries(FILES)) writeFileSync(join(dir, name), JSON.stringify(content));
const loaded = loadUserProviders(dir);
const provider = (id: string): ProviderDefinition => {
  const p = loaded.providers.find((x) => x.id === id);
  if (!p) throw new Error(`${id} did not load: ${JSON.stringify(loaded.errors)}`);
  return p;
};
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const URL_SENT = 'https://hooks.example.com/in?x=1';
const NOW = 1_796_000_000;

describe('user provider files with composed schemes', () => {
  it('load and validate; mistakes are refused with the field and the problem', () => {
    expect(loaded.providers.map((p) => p.id).sort()).toEqual(
      ['acme-fields', 'acme-form', 'acme-hashq', 'acme-jwt', 'acme-method', 'acme-two'].sort(),
    );
    const problem = (file: string) =>
      loaded.errors.filter((e) => e.file === file).map((e) => `${e.field}: ${e.problem}`);
    expect(problem('bad-placeholder.json').join()).toMatch(/unknown placeholder \{path\}/);
    expect(problem('bad-unbound.json').join()).toMatch(/must sign the body/);
    expect(problem('bad-jwt.json').join()).toMatch(/jwt/);
    expect(problem('bad-hashq.json').join()).toMatch(/bodyHashQuery.*needs \{url\}/);
  });

  it('{url}{form}: sorted form fields after the URL, valid through a proxy, a changed field invalid', () => {
    const p = provider('acme-form');
    const body = Buffer.from('b=2&a=1&c=x+y');
    const out = signRequest(p, { secret: 's', body, timestampSec: NOW, url: URL_SENT });
    expect(Buffer.from(out.signedBytes).toString()).toBe(`${URL_SENT}a1b2cx y`);
    expect(out.headers[0][1]).toBe(createHmac('sha1', 's').update(`${URL_SENT}a1b2cx y`).digest('base64'));
    const proxied = verifyRequest(p, {
      headers: [...out.headers, ['X-Forwarded-Proto', 'https'], ['X-Forwarded-Host', 'hooks.example.com']],
      body,
      secrets: ['s'],
      nowMs: NOW * 1000,
      url: 'http://127.0.0.1:9000/in?x=1',
    });
    expect(proxied.status).toBe('valid');
    expect(codes(proxied)).toEqual([]);
    const changed = verifyRequest(p, {
      headers: out.headers,
      body: Buffer.from('b=3&a=1&c=x+y'),
      secrets: ['s'],
      nowMs: 0,
      url: URL_SENT,
    });
    expect(changed.status).toBe('invalid');
    expect(codes(changed)).toContain('url-none-matched');
    expect(verifyRequest(p, { headers: out.headers, body, secrets: ['s'], nowMs: 0 }).status).toBe('missing');
  });

  it('{method}{url}{body}{timestamp}: the method is signed', () => {
    const p = provider('acme-method');
    const body = Buffer.from('{"a":1}');
    const out = signRequest(p, { secret: 's', body, timestampSec: NOW, url: URL_SENT, method: 'PUT' });
    const v = (method: string) =>
      verifyRequest(p, { headers: out.headers, body, secrets: ['s'], nowMs: NOW * 1000, url: URL_SENT, method });
    expect(v('PUT').status).toBe('valid');
    expect(v('POST').status).toBe('invalid');
  });

  it('bodySHA256 in the URL: the signer adds it, a changed body is named', () => {
    const p = provider('acme-hashq');
    const body = Buffer.from('{"a":1}');
    const out = signRequest(p, { secret: 's', body, timestampSec: NOW, url: URL_SENT });
    expect(out.url).toMatch(/^https:\/\/hooks\.example\.com\/in\?x=1&bodySHA256=[0-9a-f]{64}$/);
    const check = (b: Buffer) =>
      verifyRequest(p, { headers: out.headers, body: b, secrets: ['s'], nowMs: 0, url: out.url });
    expect(check(body).status).toBe('valid');
    const changed = check(Buffer.from('{"a":2}'));
    expect(changed.status).toBe('invalid');
    expect(codes(changed)).toEqual(['body-hash-mismatch']);
  });

  it('HS256 JWT: valid, then each failure diagnosed', () => {
    const p = provider('acme-jwt');
    const body = Buffer.from('{"a":1}');
    const out = signRequest(p, { secret: 'k', body, timestampSec: NOW, url: URL_SENT, webhookId: 'msg_1' });
    const auth = out.headers.find(([k]) => k === 'Authorization')?.[1] ?? '';
    const claims = JSON.parse(Buffer.from(auth.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ iss: 'Acme', sub: URL_SENT, iat: NOW, exp: NOW + 60, jti: 'msg_1' });
    const check = (h = out.headers, b = body, nowMs = NOW * 1000, secrets = ['k']) =>
      verifyRequest(p, {
        headers: h,
        body: b,
        secrets,
        nowMs,
        url: URL_SENT,
        otherSecrets: [{ label: 'prod', secret: 'other' }],
      });
    expect(check().status).toBe('valid');
    expect(codes(check(out.headers, Buffer.from('{"a":2}')))).toEqual(['body-hash-mismatch']);
    expect(codes(check(out.headers, body, (NOW + 120) * 1000))).toEqual(['jwt-expired']);
    expect(codes(check(out.headers, body, NOW * 1000, ['nope']))).toEqual(['jwt-bad-signature']);
    const other = signRequest(p, { secret: 'other', body, timestampSec: NOW, url: URL_SENT });
    expect(codes(check(other.headers))).toEqual(['jwt-wrong-key']);
    const flipped = auth.slice(0, -2) + (auth.at(-2) === 'A' ? 'B' : 'A') + auth.at(-1);
    expect(check([['Authorization', flipped]]).status).toBe('invalid');
  });

  it('hex key and HMAC over body fields: the signature is written into every item', () => {
    const p = provider('acme-fields');
    const body = Buffer.from(
      JSON.stringify({
        items: [
          { id: 'a', amount: { value: 5 }, status: 'ok' },
          { id: 'b', status: 'no' },
        ],
      }),
    );
    const out = signRequest(p, { secret: '0a0b0c', body, timestampSec: NOW });
    const signed = JSON.parse(Buffer.from(out.body ?? []).toString()) as { items: { sig: string }[] };
    expect(signed.items[0].sig).toBe(
      createHmac('sha256', Buffer.from('0a0b0c', 'hex')).update('a:5:ok').digest('base64'),
    );
    expect(signed.items[1].sig).toBe(
      createHmac('sha256', Buffer.from('0a0b0c', 'hex')).update('b::no').digest('base64'),
    );
    const check = (b: string, secrets = ['0A0B0C']) =>
      verifyRequest(p, { headers: [], body: Buffer.from(b), secrets, nowMs: 0 });
    const text = Buffer.from(out.body ?? []).toString();
    expect(check(text).status).toBe('valid');
    const changed = check(text.replace('"status":"no"', '"status":"nO"'));
    expect(changed.status).toBe('invalid');
    expect(changed.detail).toContain('item 2');
    expect(check(text, ['zz']).status).toBe('no-secret');
    expect(
      verifyRequest(p, { headers: [], body: Buffer.from('{"items":[{"id":"a"}]}'), secrets: ['00'], nowMs: 0 }).status,
    ).toBe('missing');
  });

  it('two signature headers from two secrets, ISO 8601 timestamp: either key verifies, and the matching header is named', () => {
    const p = provider('acme-two');
    const body = Buffer.from('{"a":1}');
    const out = signRequest(p, { secret: 'one', extraSecrets: ['two'], body, timestampSec: NOW });
    const time = out.headers.find(([k]) => k === 'X-Acme-Time')?.[1];
    expect(time).toBe(new Date(NOW * 1000).toISOString().replace('.000Z', '+00:00'));
    const check = (secrets: string[], b = body, nowMs = NOW * 1000) =>
      verifyRequest(p, { headers: out.headers, body: b, secrets, nowMs });
    expect(check(['one', 'two'])).toMatchObject({ status: 'valid', secretIndex: 0 });
    const second = check(['two']);
    expect(second.status).toBe('valid');
    expect(second.diagnostics[0].message).toMatch(/^X-Acme-Sig-Secondary matched, not X-Acme-Sig-Primary/);
    expect(check(['one', 'two'], Buffer.from('{"a":2}')).status).toBe('invalid');
    expect(check(['one'], body, (NOW + 601) * 1000).status).toBe('stale');
  });
});

describe('URL variants', () => {
  it('forwarded first, then as received, each with the other scheme and the default port', () => {
    const urls = urlCandidates('http://127.0.0.1:8080/hook?a=1', [
      ['X-Forwarded-Proto', 'https, http'],
      ['X-Forwarded-Host', 'public.example.com'],
    ]).map((u) => u.url);
    expect(urls.slice(0, 4)).toEqual([
      'https://public.example.com/hook?a=1',
      'http://127.0.0.1:8080/hook?a=1',
      'http://public.example.com/hook?a=1',
      'https://127.0.0.1:8080/hook?a=1',
    ]);
    expect(urls).toContain('https://public.example.com:443/hook?a=1');
    expect(urlCandidates('not a url', [])).toEqual([]);
  });
});
