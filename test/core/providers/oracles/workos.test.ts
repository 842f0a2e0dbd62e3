/** WorkOS (t=<ms>, v1=<hex> over "<t>.<body>") against @workos-inc/node's webhooks, both directions, several events. */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface WorkOSWebhooks {
  verifyHeader(o: { payload: unknown; sigHeader: string; secret: string; tolerance?: number }): Promise<boolean>;
  constructEvent(o: { payload: unknown; sigHeader: string; secret: string }): Promise<{ id: string; event: string }>;
  computeSignature(timestamp: string | number, payload: unknown, secret: string): Promise<string>;
}
const { WorkOS } = oracle<{ WorkOS: new (key: string) => { webhooks: WorkOSWebhooks } }>('@workos-inc/node');
// The client only holds the key; no request is sent.
const sdk = new WorkOS('sk_test_oracle_tests_only').webhooks;

const workos = createProviderRegistry().require('workos');
const SECRET = 'workos_webhook_secret_oracle_0123';
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe.each([
  'user.created',
  'dsync.user.created',
  'connection.activated',
  'organization.updated',
  'session.created',
])('WorkOS %s against @workos-inc/node', (eventType) => {
  it('webhooks.constructEvent accepts what Hookscope signs, with a millisecond timestamp; a one-byte change throws', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const req = buildOutgoingRequest(workos, {
      eventType,
      payload: buildSample(workos, eventType, 2, { nowMs: nowSec * 1000 }),
      secret: SECRET,
      timestampSec: nowSec,
    });
    const body = Buffer.from(req.body).toString();
    const sigHeader = header(req.headers, 'WorkOS-Signature');
    expect(sigHeader).toMatch(new RegExp(`^t=${nowSec}000,v1=[0-9a-f]{64}$`));
    const event = await sdk.constructEvent({ payload: body, sigHeader, secret: SECRET });
    expect(event).toMatchObject({ event: eventType, id: (JSON.parse(body) as { id: string }).id });
    await expect(sdk.verifyHeader({ payload: flip(body, 8), sigHeader, secret: SECRET })).rejects.toThrow(
      /does not match/,
    );
    await expect(sdk.verifyHeader({ payload: body, sigHeader: flip(sigHeader, 30), secret: SECRET })).rejects.toThrow(
      /does not match/,
    );
  });

  it('Hookscope says valid for what the SDK signs, invalid with the cause after a one-byte change, stale past 180 s', async () => {
    const nowMs = Date.now();
    const body = JSON.stringify(buildSample(workos, eventType, 7, { nowMs }));
    // As WorkOS writes it: a space after the comma.
    const sigHeader = `t=${nowMs}, v1=${await sdk.computeSignature(nowMs, body, SECRET)}`;
    expect(await sdk.verifyHeader({ payload: body, sigHeader, secret: SECRET })).toBe(true);
    const verify = (sig: string, b: string, at = nowMs) =>
      verifyRequest(workos, {
        headers: [['WorkOS-Signature', sig]],
        body: Buffer.from(b),
        secrets: [SECRET],
        nowMs: at,
      });
    expect(verify(sigHeader, body)).toMatchObject({ status: 'valid', toleranceSeconds: 180, matchedForm: 'raw' });
    const tampered = verify(sigHeader, flip(body, 8));
    expect(tampered.status).toBe('invalid');
    expect(codes(tampered)).toEqual(['no-secret-matched']);
    const moved = verify(sigHeader.replace(`t=${nowMs}`, `t=${nowMs + 1}`), body);
    expect(moved.status).toBe('invalid');
    expect(codes(moved)).toContain('timestamp-mismatch');
    expect(verify(sigHeader, body, nowMs + 181_000).status).toBe('stale');
  });
});
