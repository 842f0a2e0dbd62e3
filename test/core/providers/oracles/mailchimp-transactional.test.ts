/**
 * Mailchimp Transactional (Mandrill): no official Node verifier and no
 * published test vectors, so the scheme is proven against an independent
 * node:crypto computation written from the documented recipe
 * (https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/#authenticating-webhook-requests:
 * "the webhook URL, then each POST variable's key and value, sorted by key,
 * HMAC-SHA1 with the webhook key, base64"), in both directions.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';

const mandrill = createProviderRegistry().require('mailchimp-transactional');
const KEY = 'mandrill-webhook-key_Qw7Z';
const URL_PUBLIC = 'https://hooks.example.com/mandrill';
const EVENTS = ['send', 'hard_bounce', 'click', 'inbound'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

/** The documented recipe, written independently: URL, then each field's key and value sorted by key. */
function documentedSignature(url: string, fields: Record<string, string>, key: string): string {
  let data = url;
  for (const name of Object.keys(fields).sort()) data += name + fields[name];
  return createHmac('sha1', key).update(data, 'utf8').digest('base64');
}

describe('Mailchimp Transactional by its documented recipe', () => {
  it.each(EVENTS)('what Hookscope signs (%s) equals the documented computation over the decoded fields', (type) => {
    const nowMs = Date.now();
    const req = buildOutgoingRequest(mandrill, {
      eventType: type,
      payload: buildSample(mandrill, type, 2, { nowMs }),
      secret: KEY,
      timestampSec: Math.floor(nowMs / 1000),
      url: URL_PUBLIC,
    });
    const fields = Object.fromEntries(new URLSearchParams(Buffer.from(req.body).toString('utf8')));
    expect(Object.keys(fields)).toEqual(['mandrill_events']);
    expect((JSON.parse(fields.mandrill_events) as { event: string }[])[0].event).toBe(type);
    const sent = req.headers.find(([k]) => k === 'X-Mandrill-Signature')?.[1];
    expect(sent).toBe(documentedSignature(URL_PUBLIC, fields, KEY));
    expect(sent).not.toBe(
      documentedSignature(URL_PUBLIC, { ...fields, mandrill_events: `${fields.mandrill_events} ` }, KEY),
    );
  });

  it.each(EVENTS)(
    'Hookscope says valid for the documented computation (%s), invalid after one-byte changes',
    (type) => {
      const nowMs = Date.now();
      const fields = {
        mandrill_events: JSON.stringify(
          (buildSample(mandrill, type, 5, { nowMs }) as { mandrill_events: unknown }).mandrill_events,
        ),
      };
      const body = Buffer.from(new URLSearchParams(fields).toString());
      const signature = documentedSignature(URL_PUBLIC, fields, KEY);
      const check = (sig: string, b: Buffer = body, url = URL_PUBLIC) =>
        verifyRequest(mandrill, {
          headers: [
            ['Content-Type', 'application/x-www-form-urlencoded'],
            ['X-Mandrill-Signature', sig],
          ],
          body: b,
          secrets: [KEY],
          nowMs,
          url,
        });
      expect(check(signature)).toMatchObject({ status: 'valid' });
      const flipped = Buffer.from(body);
      flipped[body.indexOf('event') + 2] ^= 0x01;
      const changed = check(signature, flipped);
      expect(changed.status).toBe('invalid');
      expect(codes(changed)).toContain('url-none-matched');
      expect(check(signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'))).status).toBe('invalid');
      // The webhook URL has a query string in Mandrill's settings but the handler drops it: none of the variants match.
      expect(check(documentedSignature(`${URL_PUBLIC}?k=1`, fields, KEY)).status).toBe('invalid');
    },
  );
});
