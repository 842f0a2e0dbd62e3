/** Mux (t=<unix>,v1=<hex> over "<t>.<body>") against @mux/mux-node's webhooks, both directions, several events. */
import { describe, expect, it } from 'vitest';
import {
  buildOutgoingRequest,
  buildSample,
  createProviderRegistry,
  verifyRequest,
} from '../../../../src/core/providers';
import { oracle } from './oracle-lib';

interface MuxWebhooks {
  verifySignature(body: string, headers: Record<string, string>, secret?: string): Promise<void>;
  unwrap(body: string, headers: Record<string, string>, secret?: string): Promise<{ type: string; id: string }>;
  computeSignature(payload: string, secret: string): Promise<string>;
}
const Mux = oracle<{ default: new (o: Record<string, string>) => { webhooks: MuxWebhooks } }>('@mux/mux-node').default;
// The client only holds the credentials; no request is sent.
const sdk = new Mux({ tokenId: 'oracle-token-id', tokenSecret: 'oracle-token-secret' }).webhooks;

const mux = createProviderRegistry().require('mux');
const SECRET = 'mux-webhook-signing-secret-oracle';
const codes = (v: { diagnostics: { code: string }[] }) => v.diagnostics.map((d) => d.code);
const header = (headers: [string, string][], name: string) =>
  headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? '';
const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === 'a' ? 'b' : 'a') + text.slice(at + 1);

describe.each([
  'video.asset.ready',
  'video.upload.asset_created',
  'video.live_stream.active',
  'robots.job.summarize.completed',
])('Mux %s against @mux/mux-node', (eventType) => {
  it('webhooks.unwrap accepts what Hookscope signs; a one-byte change of body or signature throws', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const req = buildOutgoingRequest(mux, {
      eventType,
      payload: buildSample(mux, eventType, 5, { nowMs: nowSec * 1000 }),
      secret: SECRET,
      timestampSec: nowSec,
    });
    const body = Buffer.from(req.body).toString();
    const signature = header(req.headers, 'Mux-Signature');
    expect(signature).toMatch(new RegExp(`^t=${nowSec},v1=[0-9a-f]{64}$`));
    const event = await sdk.unwrap(body, { 'mux-signature': signature }, SECRET);
    expect(event).toMatchObject({ type: eventType, id: (JSON.parse(body) as { id: string }).id });
    await expect(sdk.verifySignature(flip(body, 9), { 'mux-signature': signature }, SECRET)).rejects.toThrow(
      /No signatures found matching/,
    );
    await expect(sdk.verifySignature(body, { 'mux-signature': flip(signature, 20) }, SECRET)).rejects.toThrow(
      /No signatures found matching/,
    );
  });

  it('Hookscope says valid for what the SDK signs, invalid with the cause after a one-byte change, stale past 300 s', async () => {
    const nowSec = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(buildSample(mux, eventType, 8, { nowMs: nowSec * 1000 }));
    const signature = `t=${nowSec},v1=${await sdk.computeSignature(`${nowSec}.${body}`, SECRET)}`;
    await sdk.verifySignature(body, { 'mux-signature': signature }, SECRET);
    const verify = (sig: string, b: string, atSec = nowSec) =>
      verifyRequest(mux, {
        headers: [['Mux-Signature', sig]],
        body: Buffer.from(b),
        secrets: [SECRET],
        nowMs: atSec * 1000,
      });
    expect(verify(signature, body)).toMatchObject({ status: 'valid', toleranceSeconds: 300 });
    const tampered = verify(signature, flip(body, 9));
    expect(tampered.status).toBe('invalid');
    expect(codes(tampered)).toEqual(['no-secret-matched']);
    const moved = verify(signature.replace(`t=${nowSec}`, `t=${nowSec - 2}`), body);
    expect(moved.status).toBe('invalid');
    expect(codes(moved)).toContain('timestamp-mismatch');
    expect(verify(signature, body, nowSec + 301).status).toBe('stale');
  });
});
