/**
 * Adyen against its own library (@adyen/api-library HmacValidator): the item
 * HMAC over eight fields joined by ':', keyed with the hex-decoded HMAC key,
 * sitting in additionalData.hmacSignature. Both directions, several event
 * codes, one-byte changes of a signed field and of the signature.
 */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

type Item = Record<string, unknown> & { additionalData?: Record<string, string> };
interface HmacValidatorClass {
  new (): {
    validateHMAC(item: Item, key: string): boolean;
    calculateHmac(item: Item, key: string): string;
  };
}

const { hmacValidator: HmacValidator } = oracle<{ hmacValidator: HmacValidatorClass }>('@adyen/api-library');
const validator = new HmacValidator();
const adyen = createProviderRegistry().require('adyen');
const KEY = '44782DEF547AAA06C910C43932B1EB0C71FC68D9D0C057550C48EC2ACF6BA056';
const OTHER_KEY = 'AA'.repeat(32);
const EVENTS = ['AUTHORISATION', 'CAPTURE', 'REFUND', 'CHARGEBACK'];
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const itemOf = (body: unknown) =>
  (body as { notificationItems: { NotificationRequestItem: Item }[] }).notificationItems[0].NotificationRequestItem;
const changeChar = (text: string, at: number) =>
  text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('Adyen against @adyen/api-library HmacValidator', () => {
  it.each(EVENTS)(
    'validateHMAC accepts what Hookscope signs (%s), and refuses a changed field or signature',
    (type) => {
      const nowMs = Date.now();
      const req = buildOutgoingRequest(adyen, {
        eventType: type,
        payload: buildSample(adyen, type, 3, { nowMs }),
        secret: KEY,
        timestampSec: Math.floor(nowMs / 1000),
      });
      const item = itemOf(JSON.parse(Buffer.from(req.body).toString('utf8')));
      expect(typeof item.additionalData?.hmacSignature).toBe('string');
      expect(validator.validateHMAC(item, KEY)).toBe(true);
      expect(validator.validateHMAC({ ...item, merchantReference: `${String(item.merchantReference)}x` }, KEY)).toBe(
        false,
      );
      const sig = item.additionalData?.hmacSignature ?? '';
      expect(validator.validateHMAC({ ...item, additionalData: { hmacSignature: changeChar(sig, 2) } }, KEY)).toBe(
        false,
      );
    },
  );

  it.each(EVENTS)('Hookscope says valid for what the library signs (%s), and names a changed field or key', (type) => {
    const nowMs = Date.now();
    const body = buildSample(adyen, type, 8, { nowMs }) as Record<string, unknown>;
    const item = itemOf(body);
    item.additionalData = { hmacSignature: validator.calculateHmac(item, KEY) };
    const text = JSON.stringify(body);
    const check = (bytes: string, secrets = [KEY]) =>
      verifyRequest(adyen, {
        headers: [['Content-Type', 'application/json']],
        body: Buffer.from(bytes),
        secrets,
        nowMs,
        otherSecrets: [{ label: 'the test account', secret: OTHER_KEY }],
      });
    expect(check(text)).toMatchObject({ status: 'valid', scheme: 'adyen/default' });
    // A signed field changed by one byte: invalid, naming the exact string signed.
    const changed = check(
      text.replace(
        `"pspReference":"${String(item.pspReference)}"`,
        `"pspReference":"${changeChar(String(item.pspReference), 0)}"`,
      ),
    );
    expect(changed.status).toBe('invalid');
    expect(codes(changed)).toEqual(['no-secret-matched']);
    expect(changed.diagnostics[0].message).toContain(`${changeChar(String(item.pspReference), 0)}:`);
    // An unsigned field (reason) may change: Adyen's own check does not cover it either.
    expect(check(text.replace('"reason":""', '"reason":"x"')).status).toBe('valid');
    expect(validator.validateHMAC({ ...item, reason: 'x' }, KEY)).toBe(true);
    // The signature changed by one character.
    const sig = item.additionalData.hmacSignature;
    expect(check(text.replace(sig, changeChar(sig, 1))).status).toBe('invalid');
    // Signed with another account's key: named.
    const other = JSON.parse(text) as Record<string, unknown>;
    itemOf(other).additionalData = { hmacSignature: validator.calculateHmac(itemOf(other), OTHER_KEY) };
    expect(codes(check(JSON.stringify(other)))).toEqual(['secret-from-elsewhere']);
    // No key given as hex: not usable, so no-secret.
    expect(check(text, ['not-hex']).status).toBe('no-secret');
  });

  it('the signed string is the fields joined by ":" in the library\'s order', () => {
    const body = buildSample(adyen, 'CAPTURE', 1, { nowMs: 0 }) as Record<string, unknown>;
    const item = itemOf(body);
    item.additionalData = { hmacSignature: validator.calculateHmac(item, KEY) };
    const verdict = verifyRequest(adyen, {
      headers: [],
      body: Buffer.from(JSON.stringify(body)),
      secrets: [KEY],
      nowMs: 0,
    });
    const amount = item.amount as { value: number; currency: string };
    expect(verdict.signedBytes?.text).toBe(
      [
        item.pspReference,
        item.originalReference,
        item.merchantAccountCode,
        item.merchantReference,
        amount.value,
        amount.currency,
        item.eventCode,
        item.success,
      ].join(':'),
    );
  });
});
