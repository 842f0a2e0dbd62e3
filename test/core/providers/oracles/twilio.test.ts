/**
 * Twilio against its own library (twilio, npm): validateRequest for the
 * form-field scheme, validateRequestWithBody for the JSON-body variant
 * (bodySHA256), getExpectedTwilioSignature as the library's own signer. Both
 * directions, several events, and one-byte changes of body and signature.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { parseFormFields } from '../../../../src/core/providers/form-fields';
import { oracle } from './oracle-lib';

interface TwilioWebhooks {
  validateRequest(token: string, signature: string, url: string, params: Record<string, string | string[]>): boolean;
  validateRequestWithBody(token: string, signature: string, url: string, body: string): boolean;
  getExpectedTwilioSignature(token: string, url: string, params: Record<string, string | string[]>): string;
}

const lib = oracle<TwilioWebhooks>('twilio/lib/webhooks/webhooks');
const twilio = createProviderRegistry().require('twilio');
const TOKEN = '12345678901234567890123456789012';
const URL_PUBLIC = 'https://hooks.example.com/twilio/sms?tenant=acme&x=1';
const EVENTS = ['message.received', 'message.delivered', 'message.failed', 'call.ringing', 'call.completed'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';

function paramsOf(body: Uint8Array): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of parseFormFields(body)) {
    const prev = out[name];
    out[name] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

function changeOneChar(text: string, at: number): string {
  const c = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + c + text.slice(at + 1);
}

function played(eventType: string, form?: string, seed = 3) {
  const nowMs = Date.now();
  return buildOutgoingRequest(twilio, {
    eventType,
    payload: buildSample(twilio, eventType, seed, { nowMs }),
    secret: TOKEN,
    timestampSec: Math.floor(nowMs / 1000),
    url: URL_PUBLIC,
    form,
  });
}

describe('Twilio form-field scheme against twilio validateRequest', () => {
  it.each(EVENTS)(
    'validateRequest accepts what Hookscope signs (%s); a changed field or signature is refused',
    (type) => {
      const req = played(type);
      const signature = header(req.headers, 'X-Twilio-Signature');
      const params = paramsOf(req.body);
      expect(header(req.headers, 'Content-Type')).toBe('application/x-www-form-urlencoded');
      expect(lib.validateRequest(TOKEN, signature, URL_PUBLIC, params)).toBe(true);
      const changed = { ...params, AccountSid: changeOneChar(String(params.AccountSid), 5) };
      expect(lib.validateRequest(TOKEN, signature, URL_PUBLIC, changed)).toBe(false);
      expect(lib.validateRequest(TOKEN, changeOneChar(signature, 3), URL_PUBLIC, params)).toBe(false);
    },
  );

  it.each(EVENTS)('Hookscope says valid for what the library signs (%s), invalid after a one-byte change', (type) => {
    const nowMs = Date.now();
    const body = Buffer.from(
      new URLSearchParams(
        Object.entries(buildSample(twilio, type, 11, { nowMs }) as Record<string, string>),
      ).toString(),
    );
    const signature = lib.getExpectedTwilioSignature(TOKEN, URL_PUBLIC, paramsOf(body));
    // Received by a capture server behind a TLS-terminating proxy on port 8080: the public URL comes from X-Forwarded-*.
    const headers: [string, string][] = [
      ['Content-Type', 'application/x-www-form-urlencoded'],
      ['X-Twilio-Signature', signature],
      ['X-Forwarded-Proto', 'https'],
      ['X-Forwarded-Host', 'hooks.example.com'],
    ];
    const received = 'http://127.0.0.1:8080/twilio/sms?tenant=acme&x=1';
    const ok = verifyRequest(twilio, { headers, body, secrets: [TOKEN], nowMs, url: received, method: 'POST' });
    expect(ok.status).toBe('valid');
    expect(ok.detail).toContain(URL_PUBLIC);

    const flipped = Buffer.from(body);
    flipped[body.indexOf('=') + 3] ^= 0x01;
    const badBody = verifyRequest(twilio, { headers, body: flipped, secrets: [TOKEN], nowMs, url: received });
    expect(badBody.status).toBe('invalid');
    expect(codes(badBody)).toContain('url-none-matched');

    const badSig = verifyRequest(twilio, {
      headers: headers.map(([k, v]) => [k, k === 'X-Twilio-Signature' ? changeOneChar(v, 4) : v]),
      body,
      secrets: [TOKEN],
      nowMs,
      url: received,
    });
    expect(badSig.status).toBe('invalid');
  });

  it('names the URL it matched when the handler sees http but Twilio signed https (no forwarding headers)', () => {
    const req = played('message.delivered');
    const verdict = verifyRequest(twilio, {
      headers: req.headers,
      body: req.body,
      secrets: [TOKEN],
      nowMs: Date.now(),
      url: 'http://hooks.example.com/twilio/sms?tenant=acme&x=1',
    });
    expect(verdict.status).toBe('valid');
    const note = verdict.diagnostics.find((d) => d.code === 'url-variant-matched');
    expect(note?.message).toContain(`Signed for ${URL_PUBLIC} but received as http://hooks.example.com/`);
    expect(note?.message).toContain('behind a proxy');
  });

  it('the library accepts a signature over the URL with the default port, as Hookscope does', () => {
    const req = played('call.completed');
    const signature = header(req.headers, 'X-Twilio-Signature');
    const withPort = 'https://hooks.example.com:443/twilio/sms?tenant=acme&x=1';
    expect(lib.validateRequest(TOKEN, signature, withPort, paramsOf(req.body))).toBe(true);
    expect(
      verifyRequest(twilio, { headers: req.headers, body: req.body, secrets: [TOKEN], nowMs: 0, url: withPort }).status,
    ).toBe('valid');
  });
});

describe('Twilio JSON-body variant against twilio validateRequestWithBody', () => {
  it.each(['message.delivered', 'call.completed'])('the library accepts the signed URL and body (%s)', (type) => {
    const req = played(type, 'json');
    expect(req.url).toMatch(/^https:\/\/hooks\.example\.com\/twilio\/sms\?tenant=acme&x=1&bodySHA256=[0-9a-f]{64}$/);
    const signature = header(req.headers, 'X-Twilio-Signature');
    const body = Buffer.from(req.body).toString('utf8');
    expect(lib.validateRequestWithBody(TOKEN, signature, req.url ?? '', body)).toBe(true);
    expect(lib.validateRequestWithBody(TOKEN, signature, req.url ?? '', changeOneChar(body, 10))).toBe(false);
  });

  it('Hookscope says valid for the library-signed JSON request, and names a changed body', () => {
    const body = Buffer.from(
      JSON.stringify({ AccountSid: 'AC' + '0'.repeat(32), ApiVersion: '2010-04-01', Status: 'ok' }),
    );
    const url = `${URL_PUBLIC}&bodySHA256=${createHash('sha256').update(body).digest('hex')}`;
    const signature = lib.getExpectedTwilioSignature(TOKEN, url, {});
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['X-Twilio-Signature', signature],
    ];
    const ok = verifyRequest(twilio, { headers, body, secrets: [TOKEN], nowMs: 0, url });
    expect(ok).toMatchObject({ status: 'valid', matchedForm: 'json' });
    const flipped = Buffer.from(body);
    flipped[12] ^= 0x01;
    const bad = verifyRequest(twilio, { headers, body: flipped, secrets: [TOKEN], nowMs: 0, url });
    expect(bad.status).toBe('invalid');
    expect(codes(bad)).toEqual(['body-hash-mismatch']);
  });
});
