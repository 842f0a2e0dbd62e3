/**
 * The built-in SendGrid Event Webhook against Twilio SendGrid's own
 * @sendgrid/eventwebhook (EventWebhook.verifySignature) and starkbank-ecdsa,
 * the library it is built on: both directions, several events, the body a
 * JSON array of events as SendGrid posts it, and both say no after a
 * one-byte change.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  providerBody,
  verifyRequest,
} from '../../../../src/core/providers';
import { generateSigningKeyPair } from '../../../../src/core/providers/keys';
import {
  SENDGRID_SIGNATURE_HEADER as SIG,
  SENDGRID_TIMESTAMP_HEADER as TS,
} from '../../../../src/core/providers/sendgrid/definition';
import { createRegistryAdapter } from '../../../../src/core/sender/provider-glue';
import { flipByte, header } from '../helpers';
import { oracle } from './oracle-lib';

interface EventWebhook {
  convertPublicKeyToECDSA(pem: string): unknown;
  verifySignature(publicKey: unknown, payload: string, signature: string, timestamp: string): boolean;
}
const { EventWebhook } = oracle<{ EventWebhook: new () => EventWebhook }>('@sendgrid/eventwebhook');
const ecdsa = oracle<{
  Ecdsa: { sign(message: string, key: unknown): { toBase64(): string } };
  PrivateKey: new (curve?: unknown) => { publicKey(): { toPem(): string } };
}>('starkbank-ecdsa');
const { prime256v1 } = oracle<{ prime256v1: unknown }>('starkbank-ecdsa/ellipticcurve/curve');

const registry = createProviderRegistry();
const sendgrid = registry.require('sendgrid');
const EVENTS = ['delivered', 'open', 'click', 'bounce'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

describe('SendGrid Event Webhook (built-in) against @sendgrid/eventwebhook', () => {
  const pair = generateSigningKeyPair('ecdsa-p256-sha256');
  const lib = new EventWebhook();
  const publicKey = lib.convertPublicKeyToECDSA(pair.publicKeyPem);

  it.each(EVENTS)(
    'verifySignature accepts what Hookscope sends (%s), an array of events, and refuses a one-byte change',
    (eventType) => {
      const nowSec = 1_796_430_000;
      const req = buildOutgoingRequest(sendgrid, {
        eventType,
        payload: buildSample(sendgrid, eventType, 6, { nowMs: nowSec * 1000 }),
        secret: pair.privateKey,
        timestampSec: nowSec,
      });
      const body = Buffer.from(req.body).toString();
      const events = JSON.parse(body) as { event: string; timestamp: number }[];
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ event: eventType, timestamp: nowSec });
      const signature = header(req.headers, SIG)!;
      expect(header(req.headers, TS)).toBe(String(nowSec));
      expect(lib.verifySignature(publicKey, body, signature, String(nowSec))).toBe(true);
      expect(lib.verifySignature(publicKey, flipByte(req.body, 9).toString(), signature, String(nowSec))).toBe(false);
      expect(lib.verifySignature(publicKey, body, signature, String(nowSec + 1))).toBe(false);
      expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
        providerId: 'sendgrid',
        eventType,
      });
    },
  );

  it.each(EVENTS)(
    'Hookscope says valid for what starkbank-ecdsa signs (%s, a batch of three), against the base64 verification key; invalid with the cause after a one-byte change',
    (eventType) => {
      const priv = new ecdsa.PrivateKey(prime256v1);
      const verificationKey = priv
        .publicKey()
        .toPem()
        .replace(/-----[A-Z ]+-----/g, '')
        .replace(/\s+/g, '');
      const batch = [1, 2, 3].map((seed) => buildSample(sendgrid, eventType, seed));
      const body = `${JSON.stringify(batch)}\r\n`;
      const t = '1796430000';
      const signature = ecdsa.Ecdsa.sign(`${t}${body}`, priv).toBase64();
      expect(lib.verifySignature(lib.convertPublicKeyToECDSA(priv.publicKey().toPem()), body, signature, t)).toBe(true);
      const verify = (sig: string, ts: string, b: Buffer) =>
        verifyRequest(sendgrid, {
          headers: [
            [SIG, sig],
            [TS, ts],
          ],
          body: b,
          secrets: [verificationKey],
          nowMs: Date.now(),
        });
      expect(verify(signature, t, Buffer.from(body))).toMatchObject({ status: 'valid', secretIndex: 0 });

      const tamperedBody = verify(signature, t, flipByte(Buffer.from(body), 30));
      expect(tamperedBody.status).toBe('invalid');
      expect(codes(tamperedBody)).toEqual(['no-secret-matched']);

      const raw = Buffer.from(signature, 'base64');
      raw[raw.length - 1] ^= 0x01;
      const tamperedSig = verify(raw.toString('base64'), t, Buffer.from(body));
      expect(tamperedSig.status).toBe('invalid');
      expect(codes(tamperedSig)).toEqual(['no-secret-matched']);

      const moved = verify(signature, '1796429990', Buffer.from(body));
      expect(moved.status).toBe('invalid');
      expect(codes(moved)).toEqual(['timestamp-mismatch']);

      expect(
        detectProvider(
          {
            headers: [
              [SIG, signature],
              [TS, t],
            ],
            body: Buffer.from(body),
          },
          registry,
        ),
      ).toMatchObject({ providerId: 'sendgrid', eventType });
    },
  );

  it("the sender's body and the sample the UI shows are SendGrid's array; a body given as an array or bytes is sent as it is", () => {
    const adapter = createRegistryAdapter({ registry, sampleSeed: () => 4 });
    const { body } = adapter.createBody('sendgrid', 'spamreport', undefined, 1_796_430_000_000);
    expect(JSON.parse(Buffer.from(body).toString())).toEqual([
      expect.objectContaining({ event: 'spamreport', timestamp: 1_796_430_000 }),
    ]);
    const event = buildSample(sendgrid, 'processed', 2);
    expect(providerBody(sendgrid, event)).toEqual([event]);
    expect(providerBody(sendgrid, [event, event])).toEqual([event, event]);
    expect(providerBody(registry.require('checkout'), event)).toBe(event);
    // One way to say "a JSON array of events" for every provider that posts one: HubSpot's preview is its array too.
    const hubspot = registry.require('hubspot');
    expect(sendgrid.envelope.batched && hubspot.envelope.batched).toBe(true);
    const change = buildSample(hubspot, hubspot.events[0].type, 2);
    expect(providerBody(hubspot, change)).toEqual([change]);
    const given = Buffer.from(JSON.stringify({ not: 'wrapped' }));
    const req = buildOutgoingRequest(sendgrid, {
      eventType: 'processed',
      payload: given,
      secret: 'seed',
      timestampSec: 1,
    });
    expect(Buffer.from(req.body).equals(given)).toBe(true);
  });
});
