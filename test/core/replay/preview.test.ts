import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createApiHandlers } from '../../../src/core/api';
import { createProviderRegistry, signRequest, verifyRequest } from '../../../src/core/providers';
import { generateSigningKeyPair } from '../../../src/core/providers/keys';
import type { ApiHandlers } from '../../../src/shared/api';
import type { ReplayPreview } from '../../../src/shared/replay-types';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { headerOf, pryntHeaders, pryntVerify, sendRaw, startTarget, type Target } from './support';

const SECRET = 'prynt_preview_secret';
const BODY = JSON.stringify({ eventId: 'evt_1', eventType: 'verdict.block', data: { verdict: 'block' } });

let cap: RunningCapture;
let handlers: ApiHandlers;
let target: Target;
let id: number;

beforeAll(async () => {
  cap = await startCaptureApp();
  handlers = createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url });
  target = await startTarget();
  cap.app.createEndpoint('pr');
  await callApi(handlers, 'endpoints.bind', { slug: 'pr', provider: 'prynt', secrets: [SECRET] });
  // Signed an hour ago: stale now.
  const old = Math.floor(Date.now() / 1000) - 3600;
  id = (
    await sendRaw(cap.port, {
      path: '/pr/hook',
      headers: [['Content-Type', 'application/json'], ...pryntHeaders(SECRET, BODY, old)],
      body: BODY,
    })
  ).id;
});
afterAll(async () => {
  await target.close();
  await cap.close();
});

describe('replays.preview and replays.send signedAt', () => {
  it('previews the re-signed headers without sending or recording anything', async () => {
    const hits = target.hits.length;
    const preview = (await callApi(handlers, 'replays.preview', {
      id,
      url: `${target.url}/x`,
      resign: true,
    })) as ReplayPreview;
    expect(preview.resigned).toMatchObject({ provider: 'prynt', secretIndex: 0 });
    expect(headerOf(preview.headers, 'X-Prynt-Timestamp')).toBe(String(preview.resigned!.timestamp));
    expect(pryntVerify(SECRET, preview.headers, Buffer.from(BODY))).toEqual({ ok: true });
    expect(target.hits.length).toBe(hits);
    expect(await callApi(handlers, 'replays.list', { captureId: id })).toEqual([]);
  });

  it('a send with the preview timestamp carries exactly the previewed signature', async () => {
    const preview = (await callApi(handlers, 'replays.preview', {
      id,
      url: `${target.url}/x`,
      resign: true,
    })) as ReplayPreview;
    await callApi(handlers, 'replays.send', {
      id,
      url: `${target.url}/x`,
      resign: true,
      signedAt: preview.resigned!.timestamp,
    });
    const sent = target.hits.at(-1)!;
    expect(headerOf(sent.headers, 'X-Prynt-Signature')).toBe(headerOf(preview.headers, 'X-Prynt-Signature'));
    expect(headerOf(sent.headers, 'X-Prynt-Timestamp')).toBe(String(preview.resigned!.timestamp));
  });

  it('refuses a signedAt that is no unix time, and a re-sign that cannot be made, before anything is sent', async () => {
    const hits = target.hits.length;
    await expect(
      callApi(handlers, 'replays.send', { id, url: target.url, resign: true, signedAt: -5 }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(
      callApi(handlers, 'replays.send', { id, url: target.url, resign: true, signedAt: 1.5 }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    cap.app.createEndpoint('plain');
    const plain = (await sendRaw(cap.port, { path: '/plain/x', headers: [['Content-Type', 'text/plain']], body: 'hi' }))
      .id;
    await expect(
      callApi(handlers, 'replays.preview', { id: plain, url: target.url, resign: true }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    expect(target.hits.length).toBe(hits);
  });
});

describe('re-signing for a key-pair provider (Discord)', () => {
  it('an endpoint holding the public key cannot re-sign: BAD_INPUT naming it, nothing sent; the private key can', async () => {
    const discord = createProviderRegistry().require('discord');
    const pair = generateSigningKeyPair('ed25519');
    cap.app.createEndpoint('dc');
    await callApi(handlers, 'endpoints.bind', { slug: 'dc', provider: 'discord', secrets: [pair.publicKey] });
    const body = '{"type":1}';
    const signed = signRequest(discord, {
      secret: pair.privateKey,
      body: Buffer.from(body),
      timestampSec: Math.floor(Date.now() / 1000) - 3600,
    });
    const captured = (
      await sendRaw(cap.port, {
        path: '/dc/i',
        headers: [['Content-Type', 'application/json'], ...signed.headers],
        body,
      })
    ).id;
    const hits = target.hits.length;
    await expect(
      callApi(handlers, 'replays.send', { id: captured, url: target.url, resign: true }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('public key') });
    expect(target.hits.length).toBe(hits);

    const preview = (await callApi(handlers, 'replays.preview', {
      id: captured,
      url: target.url,
      secret: pair.privateKey,
    })) as ReplayPreview;
    const verdict = verifyRequest(discord, {
      headers: preview.headers,
      body: Buffer.from(body),
      secrets: [pair.publicKey],
      nowMs: preview.resigned!.timestamp * 1000,
    });
    expect(verdict.status).toBe('valid');
  });
});
