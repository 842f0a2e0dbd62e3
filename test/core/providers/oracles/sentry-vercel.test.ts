/**
 * Sentry and Vercel: neither publishes an npm library with a verify function
 * nor a test vector, so both are proven against node:crypto computations of
 * their documented recipes:
 * - Sentry, https://docs.sentry.io/organization/integrations/integration-platform/webhooks/
 *   (Verifying the Signature): hex HMAC-SHA256 of JSON.stringify(request.body).
 * - Vercel, https://vercel.com/docs/webhooks/webhooks-api (Securing webhooks):
 *   hex HMAC-SHA1 of the raw body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../../../src/core/providers';
import { codes, header, provesBothWays, registry, type Headers } from './recipe-lib';

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sentry's documented handler: it hashes the parsed body written back with JSON.stringify. */
function sentryDocumentedDigest(body: Buffer, secret: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  return createHmac('sha256', secret).update(JSON.stringify(parsed), 'utf8').digest('hex');
}

provesBothWays({
  providerId: 'sentry',
  secret: 'sentry-client-secret-4f1c0b7e9a',
  events: ['issue', 'error', 'installation', 'metric_alert'],
  signatureHeader: 'Sentry-Hook-Signature',
  verify(headers: Headers, body: Buffer, secret: string): boolean {
    const digest = sentryDocumentedDigest(body, secret);
    return digest !== undefined && equalText(digest, header(headers, 'sentry-hook-signature') ?? '');
  },
  sign(body: Buffer, secret: string, nowSec: number, eventType: string): Headers {
    return [
      ['Content-Type', 'application/json'],
      ['Sentry-Hook-Resource', eventType],
      ['Sentry-Hook-Timestamp', String(nowSec)],
      ['Sentry-Hook-Signature', createHmac('sha256', secret).update(body).digest('hex')],
    ];
  },
});

provesBothWays({
  providerId: 'vercel',
  secret: 'vercel-webhook-secret-7d2a9c',
  events: ['deployment.created', 'deployment.succeeded', 'project.created', 'integration-configuration.removed'],
  signatureHeader: 'x-vercel-signature',
  verify(headers: Headers, body: Buffer, secret: string): boolean {
    const digest = createHmac('sha1', secret).update(body).digest('hex');
    return equalText(digest, header(headers, 'x-vercel-signature') ?? '');
  },
  sign(body: Buffer, secret: string): Headers {
    return [
      ['Content-Type', 'application/json'],
      ['x-vercel-signature', createHmac('sha1', secret).update(body).digest('hex')],
    ];
  },
});

describe('Sentry: raw bytes against the documented JSON.stringify handler', () => {
  const sentry = registry.require('sentry');
  const secret = 'sentry-client-secret-4f1c0b7e9a';
  // Sentry writes non-ASCII as \uXXXX escapes; JSON.stringify writes the characters themselves.
  const body = Buffer.from(
    '{"action":"created","installation":{"uuid":"x"},"data":{"comment":"caf\\u00e9"},"actor":{}}',
  );
  const signature = createHmac('sha256', secret).update(body).digest('hex');

  it('a raw-body signature over escaped JSON is valid, and Hookscope says the documented handler would reject it', () => {
    expect(sentryDocumentedDigest(body, secret)).not.toBe(signature);
    const verdict = verifyRequest(sentry, {
      headers: [
        ['Sentry-Hook-Resource', 'comment'],
        ['Sentry-Hook-Signature', signature],
      ],
      body,
      secrets: [secret],
      nowMs: 1_780_000_000_000,
    });
    expect(verdict).toMatchObject({ status: 'valid', matchedForm: 'raw' });
    expect(codes(verdict)).toEqual(['body-form-raw-only']);
  });

  it("a signature over the documented handler's re-serialized body is valid too, and named as such", () => {
    const reserialized = sentryDocumentedDigest(body, secret) ?? '';
    const verdict = verifyRequest(sentry, {
      headers: [['Sentry-Hook-Signature', reserialized]],
      body,
      secrets: [secret],
      nowMs: 1_780_000_000_000,
    });
    expect(verdict).toMatchObject({ status: 'valid', matchedForm: 're-serialized' });
    expect(codes(verdict)).toEqual(['body-form-reserialized-only']);
  });
});
