/**
 * DocuSign Connect and Bitbucket Cloud: neither publishes an npm library with
 * a verify function nor a test vector, so both are proven against node:crypto
 * computations of their documented recipes:
 * - DocuSign, https://developers.docusign.com/platform/webhooks/connect/validate:
 *   X-DocuSign-Signature-1 = base64 HMAC-SHA256 of the raw body with the Connect key.
 * - Bitbucket, https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/:
 *   X-Hub-Signature = "sha256=" + hex HMAC-SHA256 of the raw body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOutgoingRequest, buildSample, detectProvider, verifyRequest } from '../../../../src/core/providers';
import { codes, header, provesBothWays, registry, type Headers } from './recipe-lib';

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const docusignSignature = (body: Buffer, key: string) => createHmac('sha256', key).update(body).digest('base64');

provesBothWays({
  providerId: 'docusign',
  secret: 'Qm9vbXNoYWthbGFrYUNvbm5lY3RLZXkxMjM0NTY3OA=',
  events: ['envelope-sent', 'envelope-completed', 'recipient-completed', 'template-created'],
  signatureHeader: 'X-DocuSign-Signature-1',
  verify: (headers: Headers, body: Buffer, key: string) =>
    equalText(docusignSignature(body, key), header(headers, 'x-docusign-signature-1') ?? ''),
  sign: (body: Buffer, key: string) => [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['X-Authorization-Digest', 'HMACSHA256'],
    ['X-DocuSign-Signature-1', docusignSignature(body, key)],
  ],
});

const bitbucketSignature = (body: Buffer, secret: string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

provesBothWays({
  providerId: 'bitbucket',
  secret: 'bitbucket-webhook-secret-91c2',
  events: ['repo:push', 'pullrequest:created', 'pullrequest:fulfilled', 'issue:comment_created'],
  signatureHeader: 'X-Hub-Signature',
  verify: (headers: Headers, body: Buffer, secret: string) =>
    equalText(bitbucketSignature(body, secret), header(headers, 'x-hub-signature') ?? ''),
  sign: (body: Buffer, secret: string, _nowSec: number, eventType: string) => [
    ['Content-Type', 'application/json'],
    ['X-Event-Key', eventType],
    ['X-Request-UUID', '3f1e0c52-8d7a-4b6e-9f20-5a4c1b2d3e6f'],
    ['X-Hook-UUID', '{6e7c4a1e-5b3d-4a8f-9c2e-1d0f3b7a9e55}'],
    ['X-Hub-Signature', bitbucketSignature(body, secret)],
  ],
});

describe('Bitbucket and GitHub compute the same digest in different headers', () => {
  const bitbucket = registry.require('bitbucket');
  const github = registry.require('github');
  const secret = 'bitbucket-webhook-secret-91c2';

  it('a Bitbucket push is Bitbucket, not GitHub, and a bare digest without sha256= is named as the prefix mistake', () => {
    const req = buildOutgoingRequest(bitbucket, {
      eventType: 'repo:push',
      payload: buildSample(bitbucket, 'repo:push', 2),
      secret,
      timestampSec: 1_780_000_000,
    });
    expect(detectProvider({ headers: req.headers, body: req.body }, registry).providerId).toBe('bitbucket');
    expect(header(req.headers, 'X-Hub-Signature-256')).toBeUndefined();
    expect(github.signature.forms.map((f) => f.header)).not.toContain('X-Hub-Signature');
    const bare = (header(req.headers, 'X-Hub-Signature') ?? '').slice('sha256='.length);
    const verdict = verifyRequest(bitbucket, {
      headers: [['X-Hub-Signature', bare]],
      body: Buffer.from(req.body),
      secrets: [secret],
      nowMs: 1_780_000_000_000,
    });
    expect(verdict.status).toBe('invalid');
    expect(codes(verdict)).toEqual(['prefix-dropped']);
  });
});

describe('DocuSign: a hex digest where base64 is expected is named', () => {
  it('Hookscope says invalid and names the encoding', () => {
    const docusign = registry.require('docusign');
    const key = 'Qm9vbXNoYWthbGFrYUNvbm5lY3RLZXkxMjM0NTY3OA=';
    const body = Buffer.from(JSON.stringify(buildSample(docusign, 'envelope-completed', 4)));
    const verdict = verifyRequest(docusign, {
      headers: [['X-DocuSign-Signature-1', createHmac('sha256', key).update(body).digest('hex')]],
      body,
      secrets: [key],
      nowMs: 1_780_000_000_000,
    });
    expect(verdict.status).toBe('invalid');
    expect(codes(verdict)).toEqual(['digest-encoding-mismatch']);
  });
});
