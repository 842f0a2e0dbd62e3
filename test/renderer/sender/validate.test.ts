import { describe, expect, it } from 'vitest';
import { MAX_TIMEOUT_MS, toCheckArgs, toSendArgs, type SenderForm } from '../../../renderer/src/sender/validate';

const form: SenderForm = {
  provider: 'prynt',
  eventType: 'payment.succeeded',
  payload: '{\n  "id": "evt_1",\n  "n": 1\n}',
  seed: '1',
  secret: '',
  url: ' http://127.0.0.1:3000/hooks ',
  timeoutMs: '',
  exact: false,
};

describe('the Sender form', () => {
  it('sends compact JSON by default, as providers send, and leaves an empty secret and timeout to the core', () => {
    expect(toSendArgs(form)).toEqual({
      errors: {},
      args: {
        provider: 'prynt',
        eventType: 'payment.succeeded',
        url: 'http://127.0.0.1:3000/hooks',
        payload: '{"id":"evt_1","n":1}',
      },
    });
  });

  it('sends the text exactly as typed when asked, with the secret and timeout given', () => {
    const { args } = toSendArgs({ ...form, exact: true, secret: 'whsec_abc', timeoutMs: ' 1500 ' });
    expect(args).toMatchObject({ payload: form.payload, secret: 'whsec_abc', timeoutMs: 1500 });
  });

  it('names each missing or bad field and gives no arguments', () => {
    const result = toSendArgs({
      ...form,
      provider: '',
      eventType: '',
      url: 'ftp://x',
      payload: '{"a":',
      timeoutMs: '0',
    });
    expect(result.args).toBeUndefined();
    expect(Object.keys(result.errors).sort()).toEqual(['eventType', 'payload', 'provider', 'timeoutMs', 'url']);
    expect(result.errors.url).toBe('an http:// or https:// URL');
    expect(result.errors.timeoutMs).toContain(String(MAX_TIMEOUT_MS));
  });

  it('explains an empty URL, an unparsable one, an empty payload and a timeout out of range', () => {
    expect(toSendArgs({ ...form, url: '  ' }).errors.url).toBe('required: the URL of the handler to send to');
    expect(toSendArgs({ ...form, url: 'localhost 3000' }).errors.url).toMatch(/^not a URL/);
    expect(toSendArgs({ ...form, payload: '   ' }).errors.payload).toMatch(/empty/);
    expect(toSendArgs({ ...form, timeoutMs: String(MAX_TIMEOUT_MS + 1) }).errors.timeoutMs).toBeDefined();
    expect(toSendArgs({ ...form, timeoutMs: '2.5' }).errors.timeoutMs).toBeDefined();
    expect(toSendArgs({ ...form, timeoutMs: String(MAX_TIMEOUT_MS) }).errors).toEqual({});
  });
});

describe('the handler check form', () => {
  it('needs the secret the handler verifies with, and checks the effects URL only when one is given', () => {
    const missing = toCheckArgs(form, '');
    expect(missing.args).toBeUndefined();
    expect(missing.errors).toEqual({ secret: expect.stringContaining('secret') });
    expect(toCheckArgs({ ...form, secret: 's' }, 'not a url').errors).toEqual({
      effectsUrl: expect.stringMatching(/^not a URL/),
    });
  });

  it('passes the provider, URL, secret, event and effects URL, trimmed', () => {
    expect(toCheckArgs({ ...form, secret: 's' }, ' http://127.0.0.1:3000/effects ')).toEqual({
      errors: {},
      args: {
        provider: 'prynt',
        url: 'http://127.0.0.1:3000/hooks',
        secret: 's',
        eventType: 'payment.succeeded',
        effectsUrl: 'http://127.0.0.1:3000/effects',
      },
    });
  });

  it('runs on the provider default event when none is chosen, whatever the payload holds', () => {
    const { args } = toCheckArgs({ ...form, secret: 's', eventType: '', payload: 'not json' }, '');
    expect(args).toEqual({ provider: 'prynt', url: 'http://127.0.0.1:3000/hooks', secret: 's' });
  });
});
