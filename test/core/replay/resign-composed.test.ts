/**
 * Re-signing a replay for the composed schemes: the target URL is what a
 * URL-signing provider signs (Square), Twilio's JSON form re-computes
 * bodySHA256 in the URL it sends to (replacing the captured one), and Adyen's
 * signature is written again inside the body. Each re-signed request verifies.
 */
import { describe, expect, it } from 'vitest';
import { buildOutgoingRequest, buildSample, createProviderRegistry, verifyRequest } from '../../../src/core/providers';
import { resignHeaders } from '../../../src/core/replay/resign';

const registry = createProviderRegistry();
const NOW = 1_796_000_000_000;

describe('re-signing composed schemes', () => {
  it('Square: signed for the replay target URL, and verifies there only', () => {
    const square = registry.require('square');
    const body = Buffer.from(JSON.stringify(buildSample(square, 'payment.created', 1, { nowMs: NOW })));
    const target = 'http://127.0.0.1:3000/square/hook';
    const out = resignHeaders(
      square,
      square.signature.forms[0],
      [['Content-Type', 'application/json']],
      body,
      'k',
      NOW,
      {
        url: target,
        method: 'POST',
      },
    );
    const verify = (url: string) =>
      verifyRequest(square, { headers: out.headers, body, secrets: ['k'], nowMs: NOW, url });
    expect(verify(target).status).toBe('valid');
    expect(verify('http://127.0.0.1:3000/square/other').status).toBe('invalid');
  });

  it("Twilio JSON form: the URL's bodySHA256 is computed afresh, not appended twice", () => {
    const twilio = registry.require('twilio');
    const form = twilio.signature.forms.find((f) => f.name === 'json');
    if (!form) throw new Error('no json form');
    const first = buildOutgoingRequest(twilio, {
      eventType: 'message.sent',
      payload: buildSample(twilio, 'message.sent', 2, { nowMs: NOW }),
      secret: 'tok',
      timestampSec: NOW / 1000,
      url: 'https://hooks.example.com/tw?a=1',
      form: 'json',
    });
    const edited = Buffer.concat([Buffer.from(first.body), Buffer.from('&Extra=1')]);
    const out = resignHeaders(twilio, form, first.headers, edited, 'tok', NOW, { url: first.url, method: 'POST' });
    expect(out.url?.match(/bodySHA256=/g)).toHaveLength(1);
    expect(out.url).not.toBe(first.url);
    expect(
      verifyRequest(twilio, { headers: out.headers, body: edited, secrets: ['tok'], nowMs: NOW, url: out.url }).status,
    ).toBe('valid');
  });

  it('Adyen: the signature inside the body is written again for the edited body', () => {
    const adyen = registry.require('adyen');
    const KEY = '0123456789ABCDEF';
    const first = buildOutgoingRequest(adyen, {
      eventType: 'REFUND',
      payload: buildSample(adyen, 'REFUND', 3, { nowMs: NOW }),
      secret: KEY,
      timestampSec: NOW / 1000,
    });
    const edited = Buffer.from(Buffer.from(first.body).toString().replace('"success":"true"', '"success":"false"'));
    expect(verifyRequest(adyen, { headers: [], body: edited, secrets: [KEY], nowMs: NOW }).status).toBe('invalid');
    const out = resignHeaders(adyen, adyen.signature.forms[0], first.headers, edited, KEY, NOW);
    expect(out.body).toBeDefined();
    expect(
      verifyRequest(adyen, { headers: out.headers, body: out.body ?? edited, secrets: [KEY], nowMs: NOW }).status,
    ).toBe('valid');
  });
});
