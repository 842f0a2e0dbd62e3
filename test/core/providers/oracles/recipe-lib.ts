/**
 * For providers with no official library on npm: both directions against an
 * independent computation written from the provider's documented recipe
 * (node:crypto only, none of Hookscope's signing code). Hookscope's signed
 * request passes the recipe's check and fails it after a one-byte change of
 * the body or of the signature; what the recipe signs, Hookscope calls
 * `valid`, and `invalid` with the diagnosis after the same changes.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  verifyRequest,
} from '../../../../src/core/providers';

export type Headers = [string, string][];

export interface Recipe {
  providerId: string;
  secret: string;
  /** Several events, each signed and checked both ways. */
  events: string[];
  /** The provider's documented verification, written independently. */
  verify(headers: Headers, body: Buffer, secret: string, nowSec: number): boolean;
  /** The provider's documented signing: the headers it sends for this body (signature, timestamp, event type). */
  sign(body: Buffer, secret: string, nowSec: number, eventType: string): Headers;
  /** The header whose value is the signature. */
  signatureHeader: string;
}

export const registry = createProviderRegistry();
export const codes = (v: { diagnostics: { code: string }[] }): string[] => v.diagnostics.map((d) => d.code);
export const header = (headers: Headers, name: string): string | undefined =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

/** A copy of the body with one byte changed inside its first string value (the JSON stays valid). */
export function flipBodyByte(body: Buffer): Buffer {
  const text = body.toString('latin1');
  const at = text.indexOf('":"') + 3;
  const copy = Buffer.from(body);
  copy[at] = copy[at] === 0x61 ? 0x62 : 0x61;
  return copy;
}

/** The header value with one digest character changed (never a `t=`/`sha256=` prefix, never base64 padding). */
export function flipSignatureChar(value: string): string {
  const at = value.replace(/=+$/, '').length - 3;
  const c = value[at];
  return value.slice(0, at) + (c === 'a' ? 'b' : 'a') + value.slice(at + 1);
}

function withHeader(headers: Headers, name: string, value: string): Headers {
  return headers.map(([k, v]) => [k, k.toLowerCase() === name.toLowerCase() ? value : v]);
}

export function provesBothWays(recipe: Recipe): void {
  const provider = registry.require(recipe.providerId);
  const nowSec = 1_780_000_000;

  describe.each(recipe.events)(`${provider.name} %s against the documented recipe`, (eventType) => {
    it('the recipe accepts what Hookscope sends, and refuses a one-byte change of the body or of the signature', () => {
      const req = buildOutgoingRequest(provider, {
        eventType,
        payload: buildSample(provider, eventType, 7, { nowMs: nowSec * 1000 }),
        secret: recipe.secret,
        timestampSec: nowSec,
      });
      const body = Buffer.from(req.body);
      expect(recipe.verify(req.headers, body, recipe.secret, nowSec)).toBe(true);
      expect(recipe.verify(req.headers, flipBodyByte(body), recipe.secret, nowSec)).toBe(false);
      const signature = header(req.headers, recipe.signatureHeader) ?? '';
      const tampered = withHeader(req.headers, recipe.signatureHeader, flipSignatureChar(signature));
      expect(recipe.verify(tampered, body, recipe.secret, nowSec)).toBe(false);
      expect(recipe.verify(req.headers, body, `${recipe.secret}x`, nowSec)).toBe(false);
      const detected = detectProvider({ headers: req.headers, body }, registry);
      expect([detected.providerId, detected.eventType]).toEqual([provider.id, eventType]);
    });

    it('Hookscope says valid for what the recipe signs, and invalid with the diagnosis after a one-byte change', () => {
      const body = Buffer.from(JSON.stringify(buildSample(provider, eventType, 9, { nowMs: nowSec * 1000 })));
      const headers = recipe.sign(body, recipe.secret, nowSec, eventType);
      expect(recipe.verify(headers, body, recipe.secret, nowSec)).toBe(true);
      const verify = (h: Headers, b: Buffer) =>
        verifyRequest(provider, { headers: h, body: b, secrets: [recipe.secret], nowMs: nowSec * 1000 });
      expect(verify(headers, body)).toMatchObject({ status: 'valid', diagnostics: [] });
      const badBody = verify(headers, flipBodyByte(body));
      expect(badBody.status).toBe('invalid');
      expect(codes(badBody)).toEqual(['no-secret-matched']);
      const signature = header(headers, recipe.signatureHeader) ?? '';
      const badSignature = verify(withHeader(headers, recipe.signatureHeader, flipSignatureChar(signature)), body);
      expect(badSignature.status).toBe('invalid');
      expect(codes(badSignature)).toEqual(['no-secret-matched']);
      const otherSecret = verifyRequest(provider, {
        headers,
        body,
        secrets: ['not-the-secret'],
        nowMs: nowSec * 1000,
        otherSecrets: [{ label: 'production', secret: recipe.secret }],
      });
      expect(otherSecret.status).toBe('invalid');
      expect(codes(otherSecret)).toContain('secret-from-elsewhere');
    });
  });
}
