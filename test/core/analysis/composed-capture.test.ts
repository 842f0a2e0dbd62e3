/**
 * The URL-signing schemes end to end on a real capture server (127.0.0.1,
 * real SQLite): a capture is verified against the URL it was received on, or
 * the public one a tunnel forwarded, and the verdict names the URL; the signer
 * is the one the sender uses. A JWT (QStash) checks its sub against the same
 * URL; Adyen's in-body signature needs no header.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { buildOutgoingRequest, buildSample, createProviderRegistry } from '../../../src/core/providers';
import { sendRaw } from '../replay/support';

const registry = createProviderRegistry();
let cap: RunningCapture;

beforeAll(async () => {
  cap = await startCaptureApp();
  for (const [slug, provider, secret] of [
    ['tw', 'twilio', 'twilio-auth-token'],
    ['sq', 'square', 'square-key'],
    ['qs', 'qstash', 'qstash-current'],
    ['ad', 'adyen', 'AB12CD34'],
  ] as const) {
    cap.app.createEndpoint(slug, undefined, provider);
    cap.app.setEndpointSecrets(slug, [secret]);
  }
});
afterAll(() => cap.close());

function signedFor(provider: string, secret: string, url: string, eventType: string) {
  const p = registry.require(provider);
  return buildOutgoingRequest(p, {
    eventType,
    payload: buildSample(p, eventType, 3, { nowMs: Date.now() }),
    secret,
    timestampSec: Math.floor(Date.now() / 1000),
    url,
  });
}

describe('captures verified against the URL the provider called', () => {
  it('Twilio signed for the capture URL itself: valid, naming that URL', async () => {
    const url = `http://127.0.0.1:${cap.port}/tw/sms?x=1`;
    const req = signedFor('twilio', 'twilio-auth-token', url, 'message.delivered');
    const { id } = await sendRaw(cap.port, { path: '/tw/sms?x=1', headers: req.headers, body: Buffer.from(req.body) });
    const stored = cap.app.captureAnalyzed(id);
    expect(stored.provider).toBe('twilio');
    expect(stored.eventType).toBe('message.delivered');
    expect(stored.signatureStatus).toBe('valid');
    expect((stored.signature as { detail: string }).detail).toContain(url);
  });

  it('Square signed for the public https URL, received through a tunnel: valid by X-Forwarded-*, invalid without them, naming why', async () => {
    const publicUrl = 'https://demo.ngrok.example/sq/hook';
    const req = signedFor('square', 'square-key', publicUrl, 'payment.created');
    const forwarded: [string, string][] = [
      ...req.headers,
      ['X-Forwarded-Proto', 'https'],
      ['X-Forwarded-Host', 'demo.ngrok.example'],
    ];
    const viaTunnel = await sendRaw(cap.port, { path: '/sq/hook', headers: forwarded, body: Buffer.from(req.body) });
    expect(cap.app.captureAnalyzed(viaTunnel.id).signatureStatus).toBe('valid');

    const direct = await sendRaw(cap.port, { path: '/sq/hook', headers: req.headers, body: Buffer.from(req.body) });
    const stored = cap.app.captureAnalyzed(direct.id);
    expect(stored.signatureStatus).toBe('invalid');
    const diagnostics = (stored.signature as { diagnostics: { code: string; message: string }[] }).diagnostics;
    expect(diagnostics[0].code).toBe('url-none-matched');
    expect(diagnostics[0].message).toContain(`http://127.0.0.1:${cap.port}/sq/hook`);
  });

  it('QStash: the JWT sub must be the URL called', async () => {
    const url = `http://127.0.0.1:${cap.port}/qs/job`;
    const req = signedFor('qstash', 'qstash-current', url, 'message');
    const ok = await sendRaw(cap.port, { path: '/qs/job', headers: req.headers, body: Buffer.from(req.body) });
    expect(cap.app.captureAnalyzed(ok.id).signatureStatus).toBe('valid');
    const elsewhere = await sendRaw(cap.port, { path: '/qs/other', headers: req.headers, body: Buffer.from(req.body) });
    const stored = cap.app.captureAnalyzed(elsewhere.id);
    expect(stored.signatureStatus).toBe('invalid');
    expect((stored.signature as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code)).toEqual([
      'url-none-matched',
    ]);
  });

  it('Adyen: recognised and verified from the body alone', async () => {
    const req = signedFor('adyen', 'AB12CD34', 'http://unused.example/', 'AUTHORISATION');
    const { id } = await sendRaw(cap.port, { path: '/ad/notify', headers: req.headers, body: Buffer.from(req.body) });
    const stored = cap.app.captureAnalyzed(id);
    expect(stored.eventType).toBe('AUTHORISATION');
    expect(stored.signatureStatus).toBe('valid');
  });
});
