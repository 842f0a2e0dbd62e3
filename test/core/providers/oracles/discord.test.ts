/**
 * Discord interactions (Ed25519) against discord-interactions' verifyKey and
 * tweetnacl (the library Discord's own guide verifies with), both directions.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { generateSigningKeyPair, publicKeyForSecret } from '../../../../src/core/providers/keys';
import { oracle } from './oracle-lib';

const { verifyKey } = oracle<{
  verifyKey(body: string, signature: string, timestamp: string, publicKey: string): Promise<boolean>;
}>('discord-interactions');
interface Nacl {
  sign: {
    keyPair(): { publicKey: Uint8Array; secretKey: Uint8Array };
    detached(message: Uint8Array, secretKey: Uint8Array): Uint8Array & { verify?: never };
  } & {
    detached: { verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean };
  };
}
const nacl = oracle<Nacl>('tweetnacl');

const registry = createProviderRegistry();
const discord = registry.require('discord');
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

function flipByte(text: string, at: number): string {
  const bytes = Buffer.from(text);
  bytes[at] ^= 0x01;
  return bytes.toString('latin1');
}

describe('Discord interactions against discord-interactions and tweetnacl', () => {
  const events = discord.events.map((e) => e.type);

  it.each(events)(
    'the libraries accept what Hookscope signs with a generated key pair (%s), and reject a one-byte change',
    async (eventType) => {
      const pair = generateSigningKeyPair('ed25519');
      const ts = Math.floor(Date.now() / 1000);
      const req = buildOutgoingRequest(discord, {
        eventType,
        payload: buildSample(discord, eventType, 5, { nowMs: ts * 1000 }),
        secret: pair.privateKey,
        timestampSec: ts,
      });
      const body = Buffer.from(req.body).toString();
      const sig = req.headers.find(([k]) => k === 'X-Signature-Ed25519')![1];
      const stamp = req.headers.find(([k]) => k === 'X-Signature-Timestamp')![1];
      expect(stamp).toBe(String(ts));
      expect(await verifyKey(body, sig, stamp, pair.publicKey)).toBe(true);
      expect(
        nacl.sign.detached.verify(
          Buffer.from(stamp + body),
          Buffer.from(sig, 'hex'),
          Buffer.from(pair.publicKey, 'hex'),
        ),
      ).toBe(true);
      expect(await verifyKey(flipByte(body, 3), sig, stamp, pair.publicKey)).toBe(false);
      expect(await verifyKey(body, sig, String(ts + 1), pair.publicKey)).toBe(false);
    },
  );

  it('a simulated webhook secret stands for a key pair: the handler is given its public key', async () => {
    const secret = 'hs_simulated_webhook_secret_1';
    const ts = 1_780_000_000;
    const req = buildOutgoingRequest(discord, {
      eventType: 'PING',
      payload: buildSample(discord, 'PING', 1),
      secret,
      timestampSec: ts,
    });
    const sig = req.headers.find(([k]) => k === 'X-Signature-Ed25519')![1];
    expect(
      await verifyKey(Buffer.from(req.body).toString(), sig, String(ts), publicKeyForSecret(secret, 'ed25519')),
    ).toBe(true);
    // The endpoint holding the same secret verifies it too.
    expect(
      verifyRequest(discord, { headers: req.headers, body: req.body, secrets: [secret], nowMs: ts * 1000 }).status,
    ).toBe('valid');
  });

  it.each(events)(
    'Hookscope says valid for what tweetnacl signs (%s) against the pasted hex public key, invalid with the cause after a one-byte change',
    (eventType) => {
      const keys = nacl.sign.keyPair();
      const ts = String(Math.floor(Date.now() / 1000));
      const body = JSON.stringify(buildSample(discord, eventType, 9));
      const signature = hex(nacl.sign.detached(Buffer.from(ts + body), keys.secretKey));
      const headers: [string, string][] = [
        ['X-Signature-Ed25519', signature],
        ['X-Signature-Timestamp', ts],
        ['Content-Type', 'application/json'],
      ];
      const verify = (h: [string, string][], b: string | Buffer, secrets = [hex(keys.publicKey)]) =>
        verifyRequest(discord, { headers: h, body: Buffer.from(b), secrets, nowMs: Date.now() });

      expect(verify(headers, body)).toMatchObject({ status: 'valid', secretIndex: 0, scheme: 'discord/default' });
      const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(keys.publicKey)]).toString('base64')}\n-----END PUBLIC KEY-----\n`;
      expect(verify(headers, body, [pem]).status).toBe('valid');

      const tampered = verify(headers, Buffer.from(flipByte(body, 4), 'latin1'));
      expect(tampered.status).toBe('invalid');
      expect(codes(tampered)).toEqual(['no-secret-matched']);
      expect(tampered.diagnostics[0].message).toMatch(/public key/);

      const shifted = verify([headers[0], ['X-Signature-Timestamp', String(Number(ts) - 7)], headers[2]], body);
      expect(shifted.status).toBe('invalid');
      expect(codes(shifted)).toContain('timestamp-mismatch');

      const otherKey = hex(nacl.sign.keyPair().publicKey);
      expect(verify(headers, body, [otherKey, hex(keys.publicKey)])).toMatchObject({ status: 'valid', secretIndex: 1 });
      expect(verify(headers, body, [otherKey]).status).toBe('invalid');

      const upper = verify([['X-Signature-Ed25519', signature.toUpperCase()], headers[1]], body);
      expect(upper.status).toBe('invalid');
      expect(codes(upper)).toEqual(['digest-encoding-mismatch']);
    },
  );
});
