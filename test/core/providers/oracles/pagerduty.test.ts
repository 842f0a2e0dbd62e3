/**
 * PagerDuty v3: no npm library verifies its webhooks; its official Go library
 * does, and publishes a vector in its tests
 * (https://github.com/PagerDuty/go-pagerduty/blob/master/webhookv3/webhookv3_test.go:
 * a secret, a body, the valid v1 signature and a mismatching one). That
 * vector, plus both directions against a node:crypto computation of the
 * documented recipe
 * (https://github.com/PagerDuty/developer-docs/blob/main/docs/webhooks/04-Signatures.md:
 * split the header on ",", keep the v1= entries, any one equal to the hex
 * HMAC-SHA256 of the raw body).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyRequest } from '../../../../src/core/providers';
import { codes, header, provesBothWays, registry, type Headers } from './recipe-lib';

/** The documented check, written from the page above. */
function pagerDutyAccepts(headerValue: string, body: Buffer, secret: string): boolean {
  const expected = Buffer.from(`v1=${createHmac('sha256', secret).update(body).digest('hex')}`);
  return headerValue
    .split(',')
    .map((s) => Buffer.from(s))
    .some((s) => s.length === expected.length && timingSafeEqual(s, expected));
}

provesBothWays({
  providerId: 'pagerduty',
  secret: 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK',
  events: ['incident.triggered', 'incident.annotated', 'incident.responder.added', 'service.updated'],
  signatureHeader: 'X-PagerDuty-Signature',
  verify: (headers: Headers, body: Buffer, secret: string) =>
    pagerDutyAccepts(header(headers, 'x-pagerduty-signature') ?? '', body, secret),
  sign: (body: Buffer, secret: string) => [
    ['Content-Type', 'application/json; charset=utf-8'],
    ['X-Webhook-Subscription', 'PY1OL64'],
    ['X-PagerDuty-Signature', `v1=${createHmac('sha256', secret).update(body).digest('hex')}`],
  ],
});

describe("PagerDuty: go-pagerduty's own test vector", () => {
  const pagerduty = registry.require('pagerduty');
  const SECRET = 'lDQHScfUeXUKaQRNF+8XIiDKZ7XX3itBAYzwU0TARw8lJqRnkKl2iB1anSb0Z+IK';
  const BODY = Buffer.from(
    '{"event":{"id":"01BWDWL3NYY7LUFPZCC28QUCMK","event_type":"incident.priority_updated","resource_type":"incident","occurred_at":"2021-04-26T17:36:27.458Z","agent":{"html_url":"https://acme.pagerduty.com/users/PLH1HKV","id":"PLH1HKV","self":"https://api.pagerduty.com/users/PLH1HKV","summary":"Tenex Engineer","type":"user_reference"},"client":null,"data":{"id":"PGR0VU2","type":"incident","self":"https://api.pagerduty.com/incidents/PGR0VU2","html_url":"https://acme.pagerduty.com/incidents/PGR0VU2","number":2,"status":"triggered","title":"A little bump in the road","service":{"html_url":"https://acme.pagerduty.com/services/PF9KMXH","id":"PF9KMXH","self":"https://api.pagerduty.com/services/PF9KMXH","summary":"API Service","type":"service_reference"},"assignees":[{"html_url":"https://acme.pagerduty.com/users/PTUXL6G","id":"PTUXL6G","self":"https://api.pagerduty.com/users/PTUXL6G","summary":"User 123","type":"user_reference"}],"escalation_policy":{"html_url":"https://acme.pagerduty.com/escalation_policies/PUS0KTE","id":"PUS0KTE","self":"https://api.pagerduty.com/escalation_policies/PUS0KTE","summary":"Default","type":"escalation_policy_reference"},"teams":[{"html_url":"https://acme.pagerduty.com/teams/PFCVPS0","id":"PFCVPS0","self":"https://api.pagerduty.com/teams/PFCVPS0","summary":"Engineering","type":"team_reference"}],"priority":{"html_url":"https://acme.pagerduty.com/account/incident_priorities","id":"PSO75BM","self":"https://api.pagerduty.com/priorities/PSO75BM","summary":"P1","type":"priority_reference"},"urgency":"high","conference_bridge":{"conference_number":1000,"conference_url":"https://example.com"},"resolve_reason":null}}}',
  );
  const VALID = 'v1=0c0b9495b893a39e70d1fea2fe11fbe0a825f88b9f67846f6cc07dd2bc5476cd';
  const MISMATCH = 'v1=7020c8a7ec668a9b7012bc3dd82e483394b038f4230acc6785efbf2a7d8bcaf5';
  const verify = (signature: string, body = BODY, secrets = [SECRET]) =>
    verifyRequest(pagerduty, {
      headers: [['X-PagerDuty-Signature', signature]],
      body,
      secrets,
      nowMs: Date.parse('2021-04-26T17:36:30Z'),
    });

  it('the published valid signature is valid, and Hookscope shows it as the expected value', () => {
    expect(pagerDutyAccepts(VALID, BODY, SECRET)).toBe(true);
    expect(verify(VALID)).toMatchObject({ status: 'valid', expected: VALID, diagnostics: [] });
  });

  it('the published mismatching signature is invalid, as it is for the library', () => {
    expect(pagerDutyAccepts(MISMATCH, BODY, SECRET)).toBe(false);
    const verdict = verify(MISMATCH);
    expect(verdict.status).toBe('invalid');
    expect(codes(verdict)).toEqual(['no-secret-matched']);
  });

  it('a rotation header with the old and the new secret is valid when either entry matches, and says which one', () => {
    const old = `v1=${createHmac('sha256', 'the-old-secret').update(BODY).digest('hex')}`;
    for (const [value, nth] of [
      [`${old},${VALID}`, '2nd'],
      [`${VALID},${old}`, '1st'],
    ]) {
      expect(pagerDutyAccepts(value, BODY, SECRET)).toBe(true);
      const verdict = verify(value);
      expect(verdict.status).toBe('valid');
      expect(verdict.diagnostics).toEqual([
        { code: 'multiple-signatures', message: expect.stringContaining(`the ${nth} one matched`) },
      ]);
    }
    const neither = verify(`${old},${MISMATCH}`);
    expect(neither.status).toBe('invalid');
    expect(codes(neither)).toContain('multiple-signatures');
  });

  it('a one-byte change of the published body is invalid', () => {
    const body = Buffer.from(BODY);
    body[20] ^= 0x01;
    expect(pagerDutyAccepts(VALID, body, SECRET)).toBe(false);
    expect(verify(VALID, body).status).toBe('invalid');
  });
});
