import { describe, expect, it } from 'vitest';
import {
  blankRow,
  headerRows,
  initialForm,
  rowPairs,
  sameHeaders,
  sendArgs,
  setByClient,
  utf8ToBase64,
  type ReplayOriginal,
} from '../../../renderer/src/replay/form';

const original: ReplayOriginal = {
  method: 'POST',
  headers: [
    ['Content-Type', 'application/json'],
    ['X-Sig', 'abc'],
    ['X-Sig', 'def'],
  ],
  bodyText: '{"a":1}',
  truncated: false,
};
const URL_ = 'http://127.0.0.1:3000/hooks';

describe('the replay form', () => {
  it('starts from the capture as received and sends nothing but the target when nothing is edited', () => {
    const form = initialForm(original, URL_);
    expect(form).toMatchObject({
      url: URL_,
      method: 'POST',
      body: '{"a":1}',
      resign: false,
      secret: '',
      timeoutMs: '',
    });
    expect(rowPairs(form.headers)).toEqual(original.headers);
    expect(sendArgs(7, form, original)).toEqual({ args: { id: 7, url: URL_ } });
  });

  it('sends only what was changed: method, headers (order and duplicates kept), body as UTF-8 base64', () => {
    const form = initialForm(original, ` ${URL_} `);
    form.method = ' PUT ';
    form.headers = [...form.headers.slice(0, 2), { ...blankRow(), name: ' X-New ', value: ' v ' }, blankRow()];
    form.body = '{"a":"é"}';
    const result = sendArgs(7, form, original);
    expect(result).toEqual({
      args: {
        id: 7,
        url: URL_,
        method: 'PUT',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Sig', 'abc'],
          ['X-New', ' v '],
        ],
        bodyBase64: Buffer.from('{"a":"é"}', 'utf8').toString('base64'),
      },
    });
  });

  it('leaves a binary body as captured whatever the text box holds', () => {
    const binary = { ...original, bodyText: null };
    const form = initialForm(binary, URL_);
    expect(form.body).toBe('');
    form.body = 'typed';
    expect('bodyBase64' in (sendArgs(1, form, binary) as { args: object }).args).toBe(false);
  });

  it('sends the kept text of a truncated body as an edit, since the API refuses to send it as captured', () => {
    const truncated = { ...original, truncated: true };
    const result = sendArgs(1, initialForm(truncated, URL_), truncated) as { args: { bodyBase64?: string } };
    expect(result.args.bodyBase64).toBe(Buffer.from('{"a":1}').toString('base64'));
  });

  it('re-signs with the secret given, or the endpoint first one when left empty, and passes a timeout', () => {
    const form = { ...initialForm(original, URL_), resign: true, timeoutMs: ' 2500 ' };
    expect(sendArgs(1, form, original)).toEqual({ args: { id: 1, url: URL_, resign: true, timeoutMs: 2500 } });
    expect(sendArgs(1, { ...form, secret: 'whsec_x' }, original)).toMatchObject({
      args: { resign: true, secret: 'whsec_x' },
    });
  });

  it('names every bad field at once and sends nothing', () => {
    const form = initialForm(original, 'ftp://example.com/x');
    form.method = 'GET POST';
    form.headers = [{ ...blankRow(), name: '', value: 'orphan' }];
    form.timeoutMs = '0';
    const result = sendArgs(1, form, original);
    expect(result).toEqual({
      errors: {
        url: 'an http or https URL',
        method: '"GET POST" is not an HTTP method',
        headers: 'header 1 has a value but no name',
        timeoutMs: 'a whole number of milliseconds, 1 to 600000',
      },
    });
  });

  it('refuses a header value with a line break or NUL (header injection) and a name that is not a token', () => {
    const withValue = (name: string, value: string) => ({
      ...initialForm(original, URL_),
      headers: [{ ...blankRow(), name, value }],
    });
    expect(sendArgs(1, withValue('X-A', 'ok\r\nX-Evil: 1'), original)).toEqual({
      errors: { headers: 'X-A: a value cannot hold a line break or NUL' },
    });
    expect(sendArgs(1, withValue('X-A', 'a\0b'), original)).toHaveProperty('errors.headers');
    expect(sendArgs(1, withValue('Bad Name', 'v'), original)).toEqual({
      errors: { headers: '"Bad Name" is not a valid header name' },
    });
  });

  it('asks for a target, and says when the text is not a URL at all', () => {
    expect(sendArgs(1, initialForm(original, '  '), original)).toEqual({
      errors: { url: 'a target URL is needed: your handler, or an endpoint of this app' },
    });
    expect(sendArgs(1, initialForm(original, 'not a url'), original)).toEqual({ errors: { url: 'not a URL' } });
    expect(sendArgs(1, { ...initialForm(original, URL_), method: '' }, original)).toEqual({
      errors: { method: 'a method is needed' },
    });
    expect(sendArgs(1, { ...initialForm(original, URL_), timeoutMs: '600001' }, original)).toHaveProperty(
      'errors.timeoutMs',
    );
    expect(sendArgs(1, { ...initialForm(original, URL_), timeoutMs: '1.5' }, original)).toHaveProperty(
      'errors.timeoutMs',
    );
  });
});

describe('header rows', () => {
  it('leaves out the headers the HTTP client sets itself', () => {
    for (const name of [
      'Host',
      'content-length',
      ' Connection ',
      'Transfer-Encoding',
      'Keep-Alive',
      'TE',
      'Trailer',
      'Upgrade',
      'Proxy-Authorization',
    ]) {
      expect(setByClient(name)).toBe(true);
    }
    for (const name of ['Content-Type', 'X-Hub-Signature-256', 'Authorization']) expect(setByClient(name)).toBe(false);
  });

  it('gives each row its own key, so React keeps typed rows apart', () => {
    const rows = headerRows([
      ['A', '1'],
      ['A', '1'],
    ]);
    expect(new Set([...rows.map((r) => r.key), blankRow().key]).size).toBe(3);
  });

  it('compares header lists in order, duplicates counted', () => {
    expect(
      sameHeaders(
        [
          ['A', '1'],
          ['B', '2'],
        ],
        [
          ['A', '1'],
          ['B', '2'],
        ],
      ),
    ).toBe(true);
    expect(
      sameHeaders(
        [
          ['A', '1'],
          ['B', '2'],
        ],
        [
          ['B', '2'],
          ['A', '1'],
        ],
      ),
    ).toBe(false);
    expect(
      sameHeaders(
        [['A', '1']],
        [
          ['A', '1'],
          ['A', '1'],
        ],
      ),
    ).toBe(false);
    expect(sameHeaders([['A', '1']], [['a', '1']])).toBe(false);
  });

  it('drops blank rows but keeps a row with a value and no name, for the check to name it', () => {
    expect(rowPairs([blankRow(), { ...blankRow(), name: '  ', value: 'x' }])).toEqual([['', 'x']]);
  });
});

describe('utf8ToBase64', () => {
  it('encodes any text as its UTF-8 bytes, including bodies past the chunk size', () => {
    for (const text of ['', 'plain', 'é ✓ 🎉', 'x'.repeat(0x8000 * 2 + 3)])
      expect(utf8ToBase64(text)).toBe(Buffer.from(text, 'utf8').toString('base64'));
  });
});
