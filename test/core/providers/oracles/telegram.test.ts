/**
 * Telegram Bot API: no signature, a shared token. The recipe is the
 * setWebhook documentation (https://core.telegram.org/bots/api#setwebhook):
 * the secret_token is sent as is in X-Telegram-Bot-Api-Secret-Token. No npm
 * library of Telegram's own exists; the check below is written from that page.
 */
import { timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildOutgoingRequest, buildSample, detectProvider, verifyRequest } from '../../../../src/core/providers';
import { codes, flipBodyByte, flipSignatureChar, header, registry, type Headers } from './recipe-lib';

const telegram = registry.require('telegram');
const TOKEN = 'hookscope_Secret-token_0123456789';
const NOW = 1_780_000_000;

/** The documented check: the header equals the secret_token given to setWebhook. */
function botAccepts(headers: Headers, token: string): boolean {
  const got = Buffer.from(header(headers, 'x-telegram-bot-api-secret-token') ?? '');
  const want = Buffer.from(token);
  return got.length === want.length && timingSafeEqual(got, want);
}

const send = (eventType: string) =>
  buildOutgoingRequest(telegram, {
    eventType,
    payload: buildSample(telegram, eventType, 3, { nowMs: NOW * 1000 }),
    secret: TOKEN,
    timestampSec: NOW,
  });

const verify = (headers: Headers, body: Uint8Array, secrets = [TOKEN]) =>
  verifyRequest(telegram, { headers, body, secrets, nowMs: NOW * 1000 });

describe.each(['message', 'callback_query', 'my_chat_member', 'poll'])('Telegram %s update', (eventType) => {
  it('the documented check accepts what Hookscope sends, and refuses a one-character change of the token', () => {
    const req = send(eventType);
    expect(header(req.headers, 'X-Telegram-Bot-Api-Secret-Token')).toBe(TOKEN);
    expect(botAccepts(req.headers, TOKEN)).toBe(true);
    const changed = req.headers.map(([k, v]): [string, string] => [
      k,
      k === 'X-Telegram-Bot-Api-Secret-Token' ? flipSignatureChar(v) : v,
    ]);
    expect(botAccepts(changed, TOKEN)).toBe(false);
    expect(detectProvider({ headers: req.headers, body: req.body }, registry)).toMatchObject({
      providerId: 'telegram',
      eventType,
    });
  });

  it('Hookscope says valid for the token a bot set, invalid after a one-character change, and never shows the token back', () => {
    const body = Buffer.from(JSON.stringify(buildSample(telegram, eventType, 5, { nowMs: NOW * 1000 })));
    const headers: Headers = [
      ['Content-Type', 'application/json'],
      ['X-Telegram-Bot-Api-Secret-Token', TOKEN],
    ];
    expect(botAccepts(headers, TOKEN)).toBe(true);
    expect(verify(headers, body)).toMatchObject({ status: 'valid', diagnostics: [] });
    const wrong = verify([['X-Telegram-Bot-Api-Secret-Token', flipSignatureChar(TOKEN)]], body);
    expect(wrong.status).toBe('invalid');
    expect(codes(wrong)).toEqual(['no-secret-matched']);
    expect(JSON.stringify(wrong)).not.toContain(TOKEN);
  });
});

describe('Telegram: the body is not protected', () => {
  it('a changed body with the right token passes the documented check, and Hookscope says valid too', () => {
    const req = send('message');
    const changed = flipBodyByte(Buffer.from(req.body));
    expect(botAccepts(req.headers, TOKEN)).toBe(true);
    expect(verify(req.headers, changed).status).toBe('valid');
  });

  it('a request without the header is missing, and a token from another bot is named as such', () => {
    const req = send('message');
    const bare = req.headers.filter(([k]) => k !== 'X-Telegram-Bot-Api-Secret-Token');
    expect(verify(bare, req.body).status).toBe('missing');
    const other = verifyRequest(telegram, {
      headers: req.headers,
      body: req.body,
      secrets: ['another_bot_token'],
      nowMs: NOW * 1000,
      otherSecrets: [{ label: 'the staging bot', secret: TOKEN }],
    });
    expect(other.status).toBe('invalid');
    expect(codes(other)).toContain('secret-from-elsewhere');
  });

  it('an update kind Telegram does not name in a closed-set field is attributed to Telegram with no event type', () => {
    const body = Buffer.from(JSON.stringify({ update_id: 1, inline_query: { id: '1', query: 'cats', offset: '' } }));
    expect(detectProvider({ headers: [['X-Telegram-Bot-Api-Secret-Token', TOKEN]], body }, registry)).toMatchObject({
      providerId: 'telegram',
      eventType: null,
    });
  });
});
