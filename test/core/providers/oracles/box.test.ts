/**
 * Box against its own SDK (box-node-sdk WebhooksManager.validateMessage): two
 * signatures at once, primary and secondary, each over body +
 * BOX-DELIVERY-TIMESTAMP (an ISO 8601 date), with a 10-minute window. Both
 * directions, key rotation, one-byte changes.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  signRequest,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface BoxWebhooks {
  WebhooksManager: {
    validateMessage(
      body: string,
      headers: Record<string, string>,
      primaryKey: string,
      optionals?: { secondaryKey?: string; maxAge?: number },
    ): Promise<boolean>;
  };
}

const { WebhooksManager } = oracle<BoxWebhooks>('box-node-sdk/lib/managers/webhooks');
const box = createProviderRegistry().require('box');
const PRIMARY = 'box-primary-key-Xq9w';
const SECONDARY = 'box-secondary-key-Lm3z';
const EVENTS = ['FILE.UPLOADED', 'FOLDER.CREATED', 'COMMENT.CREATED', 'SIGN_REQUEST.COMPLETED'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const lower = (headers: [string, string][]) => Object.fromEntries(headers.map(([k, v]) => [k.toLowerCase(), v]));
const changeChar = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('Box against box-node-sdk validateMessage', () => {
  it.each(EVENTS)(
    'validateMessage accepts what Hookscope signs (%s), by either key, and refuses changes',
    async (type) => {
      const nowMs = Date.now();
      const body = JSON.stringify(buildSample(box, type, 4, { nowMs }));
      const signed = signRequest(box, {
        secret: PRIMARY,
        extraSecrets: [SECONDARY],
        body: Buffer.from(body),
        timestampSec: Math.floor(nowMs / 1000),
      });
      const req = buildOutgoingRequest(box, {
        eventType: type,
        payload: Buffer.from(body),
        secret: PRIMARY,
        timestampSec: Math.floor(nowMs / 1000),
      });
      const headers = { ...lower(req.headers), ...lower(signed.headers) };
      expect(headers['box-delivery-timestamp']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
      expect(await WebhooksManager.validateMessage(body, headers, PRIMARY, { secondaryKey: SECONDARY })).toBe(true);
      // The primary key rotated away: the secondary signature still holds.
      expect(await WebhooksManager.validateMessage(body, headers, 'rotated', { secondaryKey: SECONDARY })).toBe(true);
      expect(
        await WebhooksManager.validateMessage(changeChar(body, 9), headers, PRIMARY, { secondaryKey: SECONDARY }),
      ).toBe(false);
      const badSig = { ...headers, 'box-signature-primary': changeChar(headers['box-signature-primary'], 4) };
      expect(await WebhooksManager.validateMessage(body, badSig, PRIMARY)).toBe(false);
    },
  );

  it.each(EVENTS)(
    'Hookscope says valid for signatures made as the SDK computes them (%s), and names which matched',
    (type) => {
      const nowMs = Date.now();
      const body = JSON.stringify(buildSample(box, type, 6, { nowMs }));
      const timestamp = new Date(nowMs).toISOString().replace(/\.\d{3}Z$/, '-00:00');
      const sig = (key: string) => createHmac('sha256', key).update(body).update(timestamp).digest('base64');
      const headers = (primary = sig(PRIMARY), secondary = sig(SECONDARY)): [string, string][] => [
        ['box-delivery-timestamp', timestamp],
        ['box-signature-version', '1'],
        ['box-signature-algorithm', 'HmacSHA256'],
        ['box-signature-primary', primary],
        ['box-signature-secondary', secondary],
      ];
      const check = (h: [string, string][], b = body, secrets = [PRIMARY, SECONDARY], at = nowMs) =>
        verifyRequest(box, { headers: h, body: Buffer.from(b), secrets, nowMs: at });
      const ok = check(headers());
      expect(ok).toMatchObject({ status: 'valid', secretIndex: 0 });
      expect(codes(ok)).toEqual(['signature-header-matched']);
      // Only the secondary key is configured: the secondary header matches, and the verdict says so.
      const secondary = check(headers(), body, [SECONDARY]);
      expect(secondary.status).toBe('valid');
      expect(secondary.diagnostics[0].message).toContain('BOX-SIGNATURE-SECONDARY matched');
      expect(check(headers(changeChar(sig(PRIMARY), 3), changeChar(sig(SECONDARY), 3))).status).toBe('invalid');
      expect(check(headers(), changeChar(body, 15)).status).toBe('invalid');
      const late = check(headers(), body, [PRIMARY, SECONDARY], nowMs + 11 * 60_000);
      expect(late.status).toBe('stale');
    },
  );
});
