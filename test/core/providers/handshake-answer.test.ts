/**
 * The handshake answer checker: for each provider's handshake, the right
 * answer passes and each wrong one fails with a message that says what was
 * answered, what is expected and the exact value (an HMAC included).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildSample, createProviderRegistry } from '../../../src/core/providers';
import { buildHandshakeRequest, handshakeOf, withQuery } from '../../../src/core/providers/handshake';
import { judgeHandshakeAnswer, type AnswerSeen } from '../../../src/core/providers/handshake-answer';

const registry = createProviderRegistry();
const SECRET = 'hs_secret_3c9d';

function handshake(providerId: string, eventType: string) {
  const provider = registry.require(providerId);
  const payload = Buffer.from(JSON.stringify(buildSample(provider, eventType, 9, { nowMs: 1_780_000_000_000 })));
  const sample = JSON.parse(payload.toString()) as Record<string, unknown>;
  const built = buildHandshakeRequest(provider, handshakeOf(provider, eventType)!, {
    eventType,
    payload,
    secret: SECRET,
    timestampSec: 1_780_000_000,
  });
  const judge = (status: number, body: string | object, headers: [string, string][] = []) => {
    const seen: AnswerSeen = {
      status,
      headers,
      body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    };
    return judgeHandshakeAnswer(built.expect, seen);
  };
  return { built, sample, judge };
}

describe('Zoom endpoint.url_validation', () => {
  const { sample, judge } = handshake('zoom', 'endpoint.url_validation');
  const plainToken = (sample.payload as { plainToken: string }).plainToken;
  const encryptedToken = createHmac('sha256', SECRET).update(plainToken).digest('hex');

  it('accepts {plainToken, encryptedToken = hex HMAC-SHA256(secret, plainToken)} with 200', () => {
    expect(judge(200, { plainToken, encryptedToken })).toEqual({ ok: true, problem: null, advisories: [] });
  });

  it('names a wrong encryptedToken with the value it must be', () => {
    const v = judge(200, { plainToken, encryptedToken: 'ab12' });
    expect(v.ok).toBe(false);
    expect(v.problem).toBe(
      `answered 200 but encryptedToken was "ab12"; Zoom expects status 200 with a JSON body {plainToken, encryptedToken}, encryptedToken = hex HMAC-SHA256(secret, plainToken): ` +
        `JSON field plainToken = payload.plainToken = "${plainToken}", ` +
        `JSON field encryptedToken = hex HMAC-SHA256(secret, payload.plainToken) = "${encryptedToken}"`,
    );
  });

  it('names an HMAC made with another secret, a missing field, a body that is not JSON and a wrong status', () => {
    const other = createHmac('sha256', 'another').update(plainToken).digest('hex');
    expect(judge(200, { plainToken, encryptedToken: other }).problem).toContain(`encryptedToken was "${other}"`);
    expect(judge(200, { plainToken }).problem).toMatch(
      /^answered 200 but the body "\{.*\}" has no field encryptedToken;/,
    );
    expect(judge(200, plainToken).problem).toContain(`answered 200 but the body was not JSON: "${plainToken}"`);
    expect(judge(204, '').problem).toMatch(
      /^answered 204 but status 200 was expected; the body was not JSON: ""; the body was not JSON/,
    );
    expect(judge(500, { plainToken, encryptedToken }).problem).toMatch(
      /^answered 500 but status 200 was expected; Zoom expects/,
    );
  });
});

describe('Slack url_verification: three accepted forms', () => {
  const { sample, judge } = handshake('slack', 'url_verification');
  const challenge = sample.challenge as string;

  it('accepts the challenge as text, as JSON and as a form', () => {
    expect(judge(200, challenge).ok).toBe(true);
    expect(judge(200, { challenge }).ok).toBe(true);
    expect(judge(200, `challenge=${challenge}`).ok).toBe(true);
  });

  it('refuses "ok" and says the other forms exist', () => {
    const v = judge(200, 'ok');
    expect(v.ok).toBe(false);
    expect(v.problem).toBe(
      `answered 200 but the body was "ok"; Slack expects status 200 with the challenge: as the plain-text body, as JSON {"challenge"} or as the form field challenge: the body = challenge = "${challenge}" (2 other accepted forms; see its notes)`,
    );
  });

  it('picks the closest form to explain: a JSON answer with the wrong value', () => {
    expect(judge(200, { challenge: 'x' }).problem).toContain('challenge was "x"');
  });
});

describe('Twitch webhook_callback_verification', () => {
  const { sample, judge } = handshake('twitch', 'webhook_callback_verification');
  const challenge = sample.challenge as string;
  const text: [string, string][] = [['Content-Type', 'text/plain; charset=utf-8']];

  it('accepts the raw challenge as text/plain with 200', () => {
    expect(judge(200, challenge, text).ok).toBe(true);
  });

  it('refuses the challenge in JSON and with a trailing newline', () => {
    expect(judge(200, { challenge }, [['Content-Type', 'application/json']]).problem).toMatch(
      /^answered 200 but the body was "\{.*\}"; Twitch EventSub expects status 200 with the raw challenge string as the whole body \(not JSON\): the body = challenge = "/,
    );
    expect(judge(200, `${challenge}\n`, text).problem).toContain(`the body was "${challenge}\\n"`);
  });

  it('takes the raw challenge under another content type, naming text/plain as advice', () => {
    const v = judge(200, challenge, [['Content-Type', 'application/json']]);
    expect(v).toMatchObject({ ok: true, problem: null });
    expect(v.advisories).toEqual([
      'the Content-Type header was "application/json"; Twitch EventSub recommends header Content-Type (media type) = "text/plain"',
    ]);
    expect(judge(200, challenge).advisories[0]).toContain('the Content-Type header was missing');
  });
});

describe('Asana X-Hook-Secret', () => {
  const { built, judge } = handshake('asana', 'handshake');

  it('sends an empty, unsigned POST carrying the secret', () => {
    expect(built.method).toBe('POST');
    expect(built.body.byteLength).toBe(0);
    expect(built.headers).toEqual([['X-Hook-Secret', SECRET]]);
  });

  it('accepts the secret echoed with 200 or 204', () => {
    expect(judge(200, '', [['X-Hook-Secret', SECRET]]).ok).toBe(true);
    expect(judge(204, '', [['x-hook-secret', SECRET]]).ok).toBe(true);
  });

  it('names a missing or different header and a status that is not 200 or 204', () => {
    expect(judge(200, '').problem).toBe(
      `answered 200 but the X-Hook-Secret header was missing; Asana expects status 200 or 204 with the same X-Hook-Secret header as the request: header X-Hook-Secret = the secret = "${SECRET}"`,
    );
    expect(judge(200, '', [['X-Hook-Secret', 'other']]).problem).toContain('the X-Hook-Secret header was "other"');
    expect(judge(201, '', [['X-Hook-Secret', SECRET]]).problem).toMatch(
      /^answered 201 but status 200 or 204 was expected;/,
    );
  });
});

describe('Dropbox GET ?challenge=', () => {
  const { built, sample, judge } = handshake('dropbox', 'verification');
  const challenge = sample.challenge as string;

  it('is a GET with the challenge in the query, no body and no header', () => {
    expect(built).toMatchObject({ method: 'GET', headers: [], query: [['challenge', challenge]] });
    expect(built.body.byteLength).toBe(0);
    expect(withQuery('http://127.0.0.1:9/hook?a=1', built.query)).toBe(
      `http://127.0.0.1:9/hook?a=1&challenge=${challenge}`,
    );
  });

  it('accepts the echoed challenge; the recommended headers are advice, named when missing', () => {
    const safe: [string, string][] = [
      ['Content-Type', 'text/plain'],
      ['X-Content-Type-Options', 'nosniff'],
    ];
    expect(judge(200, challenge, safe)).toEqual({ ok: true, problem: null, advisories: [] });
    const bare = judge(200, challenge);
    expect(bare.ok).toBe(true);
    expect(bare.advisories).toEqual([
      'the Content-Type header was missing; Dropbox recommends header Content-Type (media type) = "text/plain"',
      'the X-Content-Type-Options header was missing; Dropbox recommends header X-Content-Type-Options = "nosniff"',
    ]);
  });

  it('refuses an answer that is not the challenge, quoting what came back inert', () => {
    const v = judge(200, '\u001b[31mhello\u202e');
    expect(v.ok).toBe(false);
    expect(v.problem).toContain('the body was "\\u001b[31mhello');
    expect(v.problem).toContain(`the challenge query parameter = "${challenge}"`);
  });
});

describe('Discord PING', () => {
  const { judge } = handshake('discord', 'PING');

  it('accepts {"type": 1}; a string "1" or a command answer is wrong', () => {
    expect(judge(200, { type: 1 }).ok).toBe(true);
    expect(judge(200, { type: '1' }).problem).toMatch(
      /^answered 200 but type was "1"; Discord interactions expects status 200 with the JSON body \{"type": 1\} \(PONG\): JSON field type = 1$/,
    );
    expect(judge(200, { type: 4, data: { content: 'pong' } }).problem).toContain('type was 4;');
  });
});
