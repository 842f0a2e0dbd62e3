/**
 * HubSpot v3 against its own client (@hubspot/api-client): Signature.isValid
 * and Signature.getSignature with signatureVersion v3 (method + URI + body +
 * timestamp in ms). Both directions, several events, one-byte changes, and a
 * stale timestamp.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface SignatureOptions {
  signatureVersion: 'v3';
  signature?: string;
  clientSecret: string;
  requestBody: string;
  url: string;
  method?: string;
  timestamp: number;
}
interface HubSpotSignature {
  isValid(options: SignatureOptions & { signature: string }): boolean;
  getSignature(method: string, version: 'v3', options: Omit<SignatureOptions, 'signatureVersion'>): string;
}

const { Signature } = oracle<{ Signature: HubSpotSignature }>('@hubspot/api-client/lib/src/utils/signature');
const hubspot = createProviderRegistry().require('hubspot');
const SECRET = 'hubspot-client-secret-0f1e2d3c-4b5a';
const URL_PUBLIC = 'https://hooks.example.com/hubspot?portal=42';
const EVENTS = ['contact.creation', 'deal.propertyChange', 'ticket.merge', 'conversation.newMessage'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const changeChar = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('HubSpot v3 against @hubspot/api-client Signature', () => {
  it.each(EVENTS)('Signature.isValid accepts what Hookscope signs (%s) and refuses one-byte changes', (type) => {
    const nowMs = Date.now();
    const req = buildOutgoingRequest(hubspot, {
      eventType: type,
      payload: buildSample(hubspot, type, 6, { nowMs }),
      secret: SECRET,
      timestampSec: Math.floor(nowMs / 1000),
      url: URL_PUBLIC,
    });
    const body = Buffer.from(req.body).toString('utf8');
    expect(Array.isArray(JSON.parse(body))).toBe(true);
    const timestamp = Number(header(req.headers, 'X-HubSpot-Request-Timestamp'));
    const signature = header(req.headers, 'X-HubSpot-Signature-v3');
    const valid = (requestBody: string, sig: string) =>
      Signature.isValid({
        signatureVersion: 'v3',
        signature: sig,
        clientSecret: SECRET,
        requestBody,
        url: URL_PUBLIC,
        method: 'POST',
        timestamp,
      });
    expect(valid(body, signature)).toBe(true);
    expect(valid(changeChar(body, 12), signature)).toBe(false);
    expect(valid(body, changeChar(signature, 9))).toBe(false);
  });

  it.each(EVENTS)('Hookscope says valid for what the library signs (%s), and names each change', (type) => {
    const nowMs = Date.now();
    const body = JSON.stringify([buildSample(hubspot, type, 7, { nowMs })]);
    const timestamp = nowMs;
    const signature = Signature.getSignature('POST', 'v3', {
      clientSecret: SECRET,
      requestBody: body,
      url: URL_PUBLIC,
      timestamp,
    });
    const headers = (sig = signature, ts = String(timestamp)): [string, string][] => [
      ['Content-Type', 'application/json'],
      ['X-HubSpot-Signature-v3', sig],
      ['X-HubSpot-Request-Timestamp', ts],
    ];
    const check = (h: [string, string][], b = body, method = 'POST', at = nowMs) =>
      verifyRequest(hubspot, {
        headers: h,
        body: Buffer.from(b),
        secrets: [SECRET],
        nowMs: at,
        url: URL_PUBLIC,
        method,
      });
    expect(check(headers())).toMatchObject({ status: 'valid' });
    expect(check(headers(changeChar(signature, 3))).status).toBe('invalid');
    const changed = check(headers(), changeChar(body, 40));
    expect(changed.status).toBe('invalid');
    expect(codes(changed)).toContain('url-none-matched');
    // The method is signed: a handler that rebuilds the string with another method fails.
    expect(check(headers(), body, 'PUT').status).toBe('invalid');
    // Valid signature, but 10 minutes later: stale, as the library's 5-minute rule says.
    const late = check(headers(), body, 'POST', nowMs + 600_000);
    expect(late.status).toBe('stale');
    expect(codes(late)).toContain('timestamp-stale');
  });
});
