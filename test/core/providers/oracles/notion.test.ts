/**
 * Notion webhooks against @notionhq/client's own helpers (test/oracles):
 * verifyWebhookSignature accepts what Hookscope sends, and Hookscope says
 * valid for what signWebhookPayload signs, both directions, several events;
 * both say no after a one-byte change of the body or of the signature.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  detectProvider,
  verifyRequest,
} from '../../../../src/core/providers';
import { flipByte, header } from '../helpers';
import { oracle } from './oracle-lib';

const { verifyWebhookSignature, signWebhookPayload } = oracle<{
  verifyWebhookSignature(args: {
    body: string | Uint8Array;
    signature: string;
    verificationToken: string;
  }): Promise<boolean>;
  signWebhookPayload(args: { body: string | Uint8Array; verificationToken: string }): Promise<string>;
}>('@notionhq/client');

const registry = createProviderRegistry();
const notion = registry.require('notion');
const TOKEN = 'secret_tMrlL1qK5vuQAh1b6cZGhFChZTSYJlce98V0pYn7yBl';
const EVENTS = ['page.created', 'page.properties_updated', 'data_source.schema_updated', 'comment.created'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);

describe('Notion against @notionhq/client', () => {
  it.each(EVENTS)(
    'verifyWebhookSignature accepts what Hookscope sends (%s), and refuses a one-byte change',
    async (eventType) => {
      const nowMs = Date.UTC(2026, 11, 5, 0, 0, 0);
      const req = buildOutgoingRequest(notion, {
        eventType,
        payload: buildSample(notion, eventType, 4, { nowMs }),
        secret: TOKEN,
        timestampSec: Math.floor(nowMs / 1000),
      });
      const signature = header(req.headers, 'X-Notion-Signature')!;
      expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
      expect(await verifyWebhookSignature({ body: req.body, signature, verificationToken: TOKEN })).toBe(true);
      expect(await verifyWebhookSignature({ body: flipByte(req.body, 30), signature, verificationToken: TOKEN })).toBe(
        false,
      );
      expect(await verifyWebhookSignature({ body: req.body, signature, verificationToken: `${TOKEN}x` })).toBe(false);
      const event = JSON.parse(Buffer.from(req.body).toString()) as { type: string; timestamp: string };
      expect(event).toMatchObject({ type: eventType, timestamp: new Date(nowMs).toISOString() });
      expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
        providerId: 'notion',
        eventType,
      });
    },
  );

  it.each(EVENTS)(
    'Hookscope says valid for what signWebhookPayload signs (%s); invalid with the cause after a one-byte change',
    async (eventType) => {
      const body = Buffer.from(JSON.stringify(buildSample(notion, eventType, 12)));
      const signature = await signWebhookPayload({ body, verificationToken: TOKEN });
      const verify = (sig: string, b: Buffer) =>
        verifyRequest(notion, { headers: [['X-Notion-Signature', sig]], body: b, secrets: [TOKEN], nowMs: Date.now() });
      expect(verify(signature, body)).toMatchObject({ status: 'valid', secretIndex: 0 });

      const tamperedBody = verify(signature, flipByte(body, 40));
      expect(tamperedBody.status).toBe('invalid');
      expect(codes(tamperedBody)).toEqual(['no-secret-matched']);

      const last = signature.at(-1) === 'f' ? 'e' : 'f';
      const tamperedSig = verify(signature.slice(0, -1) + last, body);
      expect(tamperedSig.status).toBe('invalid');
      expect(codes(tamperedSig)).toEqual(['no-secret-matched']);

      // A handler that compares against the bare hex (the prefix dropped) is named.
      const bare = verify(signature.slice('sha256='.length), body);
      expect(codes(bare)).toContain('prefix-dropped');
    },
  );

  it('the unsigned verification handshake is not valid: a handler must treat it apart', () => {
    const body = Buffer.from(JSON.stringify({ verification_token: TOKEN }));
    const verdict = verifyRequest(notion, { headers: [], body, secrets: [TOKEN], nowMs: Date.now() });
    expect(verdict.status).toBe('missing');
  });
});
