import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/core/app';
import { sourceLines, textSource } from '../../src/core/replay/import-source';
import { runCli } from '../helpers/cli';
import { corpusCapture, ndjsonCorpus } from '../helpers/ndjson-corpus';
import { tempDir } from '../helpers/temp-dir';
import { captureLine } from '../../src/core/replay/ndjson';
import { pryntHeaders } from '../core/replay/support';

/**
 * A hostile corpus for import (issue 13, deliverable 4): files that lie about
 * sizes and hashes, smuggle CR/LF/NUL/space into methods, paths and headers,
 * forge verdicts, nest 100,000 deep, stop mid-line, carry wrong types, huge
 * numbers and base64 that is not. Each is refused with IMPORT_INVALID naming
 * the line (or HAR entry) and the field, and leaves the database exactly as it
 * was, even when the bad record comes after good ones; or, for what can be
 * recomputed from the bytes (verdicts, a HAR's hash), is recomputed.
 */

const SECRET = 'whsec_hostile';
const DEEP = 100_000;
const deepArray = '['.repeat(DEEP) + ']'.repeat(DEEP);

let dir: { path: string; remove(): void };
let app: App;

/** Everything stored, hashed: captures (with bodies), endpoints, replays, the analysis cursor. */
function fingerprint(): string {
  const hash = createHash('sha256');
  for (const sql of [
    'SELECT * FROM captures ORDER BY id',
    'SELECT id, slug, rule, provider, forward_url FROM endpoints ORDER BY id',
    'SELECT * FROM replays ORDER BY id',
    'SELECT * FROM analysis_state',
  ]) {
    for (const row of app.db.prepare(sql).all() as Record<string, unknown>[]) {
      hash.update(
        JSON.stringify(row, (_k, v: unknown) =>
          Buffer.isBuffer(v)
            ? v.toString('base64')
            : (v as { type?: string })?.type === 'Buffer'
              ? Buffer.from((v as { data: number[] }).data).toString('base64')
              : v,
        ),
      );
    }
  }
  return hash.digest('hex');
}

const header = ndjsonCorpus(0).split('\n').slice(0, 2);
const good = (n: number) =>
  JSON.parse(captureLine(corpusCapture(n, 'imported', Date.UTC(2026, 5, 1)), [])) as Record<string, unknown>;

/** A file whose third line is a good capture and whose fourth is `bad` (so a refusal proves nothing was written before it). */
function ndjsonWith(bad: Record<string, unknown> | string): string {
  return [...header, JSON.stringify(good(1)), typeof bad === 'string' ? bad : JSON.stringify(bad)].join('\n');
}

/** A capture (id 2) with some fields replaced. */
const capture = (fields: Record<string, unknown>) => ({ ...good(2), ...fields });
/** Same, with the body given: its base64, size and SHA-256 made consistent unless overridden. */
function withBody(body: Buffer, fields: Record<string, unknown> = {}) {
  return capture({
    bodyBase64: body.toString('base64'),
    bodySize: body.length,
    bodySha256: createHash('sha256').update(body).digest('hex'),
    ...fields,
  });
}
const replay = (fields: Record<string, unknown> = {}, request: Record<string, unknown> = {}) => ({
  id: 1,
  kind: 'replay',
  sentAt: '2026-06-01T00:00:01.000Z',
  url: 'http://127.0.0.1:9/hook',
  request: { method: 'POST', headers: [['Content-Type', 'application/json']], bodyBase64: 'e30=', ...request },
  resigned: null,
  edited: false,
  warnings: [],
  response: { status: 200, headers: [], bodyBase64: '', size: 0 },
  durationMs: 3,
  ok: true,
  errorKind: null,
  errorMessage: null,
  ...fields,
});

async function refused(text: string, message: RegExp): Promise<void> {
  const before = fingerprint();
  const count = app.captures.count();
  const error = await app.replay.importText(text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the import should have been refused').toMatchObject({ code: 'IMPORT_INVALID' });
  const text1 = (error as Error).message;
  expect(text1).toMatch(message);
  // One sentence, nothing from the file that could move a terminal's cursor.
  expect(text1).not.toMatch(/[\u0000-\u001f\u007f]/);
  expect(text1).toMatch(/nothing was imported$/);
  expect(app.captures.count()).toBe(count);
  expect(fingerprint()).toBe(before);
}

beforeAll(async () => {
  dir = tempDir();
  app = createApp({ dataDir: dir.path });
  app.createEndpoint('prynt', undefined, 'prynt');
  app.setEndpointSecrets('prynt', [SECRET]);
  // A folder with history: a good import is the baseline every refusal is compared against.
  const report = await app.replay.importText(ndjsonCorpus(5));
  expect(report).toMatchObject({ captures: 5, skipped: 0 });
  app.drainBackground();
});
afterAll(async () => {
  await app.close();
  dir.remove();
});

const body7 = Buffer.from('seven!!');

const ndjsonCases: Array<[string, Record<string, unknown> | string, RegExp]> = [
  // Lying sizes and hashes.
  [
    'a 7-byte body listed as 953.7 MiB',
    withBody(body7, { bodySize: 1_000_000_000 }),
    /^line 4: capture 2: bodySize 1000000000 does not match the 7 bytes/,
  ],
  [
    'a body listed smaller than it is',
    withBody(body7, { bodySize: 3 }),
    /^line 4: capture 2: bodySize 3 does not match/,
  ],
  [
    'a truncated body larger than its size',
    withBody(body7, { bodySize: 2, truncated: true }),
    /^line 4: capture 2: bodySize 2 .*truncated/,
  ],
  [
    'a SHA-256 of other bytes',
    withBody(body7, { bodySha256: 'a'.repeat(64) }),
    /^line 4: capture 2: bodySha256 does not match/,
  ],
  [
    'a SHA-256 that is not hex',
    withBody(body7, { bodySha256: 'Z'.repeat(64) }),
    /^line 4: capture: bodySha256: is not a SHA-256/,
  ],
  // CR, LF, NUL and space where a request has none.
  [
    'CR/LF in the method',
    capture({ method: 'POST\r\nX-Injected: 1' }),
    /^line 4: capture: method: is not an HTTP method/,
  ],
  ['NUL in the method', capture({ method: 'PO\u0000ST' }), /^line 4: capture: method: is not an HTTP method/],
  ['a space in the method', capture({ method: 'GET /admin' }), /^line 4: capture: method: is not an HTTP method/],
  ['an empty method', capture({ method: '' }), /^line 4: capture: method: is not an HTTP method/],
  [
    'an ANSI escape in the method',
    capture({ method: '\u001b[31mPOST' }),
    /^line 4: capture: method: is not an HTTP method/,
  ],
  ['LF in the path', capture({ path: '/imported/hook\nHTTP/1.1' }), /^line 4: capture: path: is not a request path/],
  ['NUL in the path', capture({ path: '/imported/\u0000hook' }), /^line 4: capture: path: is not a request path/],
  ['a space in the path', capture({ path: '/imported/a b' }), /^line 4: capture: path: is not a request path/],
  ['a path not starting with /', capture({ path: 'imported/hook' }), /^line 4: capture: path: is not a request path/],
  ['CR in the query', capture({ query: 'a=1\r' }), /^line 4: capture: query: holds a space, CR, LF, NUL/],
  ['LF in the URL', capture({ url: 'http://h/imported\n/hook' }), /^line 4: capture: url: holds a space, CR, LF, NUL/],
  [
    'a space in a header name',
    capture({ headers: [['X Bad', '1']] }),
    /^line 4: capture: headers\.0\.0: is not a header name/,
  ],
  [
    'a colon in a header name',
    capture({ headers: [['X-Bad:', '1']] }),
    /^line 4: capture: headers\.0\.0: is not a header name/,
  ],
  [
    'CR/LF in a header name',
    capture({
      headers: [
        ['Ok', '1'],
        ['X-A\r\nX-B', '1'],
      ],
    }),
    /^line 4: capture: headers\.1\.0: is not a header name/,
  ],
  [
    'CR/LF in a header value',
    capture({ headers: [['X-A', 'one\r\nX-Injected: two']] }),
    /^line 4: capture: headers\.0\.1: holds CR, LF, NUL/,
  ],
  [
    'NUL in a header value',
    capture({ headers: [['X-A', 'one\u0000two']] }),
    /^line 4: capture: headers\.0\.1: holds CR, LF, NUL/,
  ],
  [
    'CR/LF in a recorded response header',
    capture({
      response: { kind: 'answered', status: 200, headers: [['Set-Cookie', 'a=1\r\nX: y']], body: '', delayMs: 0 },
    }),
    /^line 4: capture: response\.headers\.0\.1: holds CR, LF, NUL/,
  ],
  [
    'CR/LF in a replay method',
    capture({ replays: [replay({}, { method: 'POST\r\n' })] }),
    /^line 4: capture: replays\.0\.request\.method: is not an HTTP method/,
  ],
  [
    'NUL in a replay header value',
    capture({ replays: [replay({}, { headers: [['X-A', '\u0000']] })] }),
    /^line 4: capture: replays\.0\.request\.headers\.0\.1: holds CR, LF, NUL/,
  ],
  [
    'LF in the HTTP version',
    capture({ httpVersion: '1.1\n' }),
    /^line 4: capture: httpVersion: is not an HTTP version/,
  ],
  [
    'a remote address that is not one',
    capture({ remoteAddress: '127.0.0.1\r\nX: 1' }),
    /^line 4: capture: remoteAddress: is not an IP address/,
  ],
  ['LF in the error', capture({ error: 'client-aborted\n\u001b[2J' }), /^line 4: capture: error: holds a line break/],
  // 100,000-deep JSON: in a field, and as the record itself.
  [
    '100,000-deep JSON in the signature field',
    JSON.stringify(capture({ signature: 0 })).replace('"signature":0', `"signature":${deepArray}`),
    /^line 4: the record nests deeper than 256 levels/,
  ],
  [
    '100,000-deep JSON in a response body field',
    JSON.stringify(capture({ response: 0 })).replace('"response":0', `"response":${deepArray}`),
    /^line 4: the record nests deeper than 256 levels/,
  ],
  ['100,000-deep JSON as the record', deepArray, /^line 4: the record nests deeper than 256 levels/],
  [
    '100,000-deep objects as the record',
    '{"a":'.repeat(DEEP) + '1' + '}'.repeat(DEEP),
    /^line 4: the record nests deeper than 256 levels/,
  ],
  // Truncated lines and wrong types.
  ['a line cut in half', JSON.stringify(good(2)).slice(0, 200), /^line 4: not JSON/],
  ['an id that is a string', capture({ id: '2' }), /^line 4: capture: id: /],
  ['a time that is a number', capture({ receivedAt: 1_780_000_000_000 }), /^line 4: capture: receivedAt: /],
  [
    'a time that is not a time',
    capture({ receivedAt: 'yesterday' }),
    /^line 4: capture: receivedAt: is not an ISO time/,
  ],
  ['headers as an object', capture({ headers: { 'X-A': '1' } }), /^line 4: capture: headers: /],
  ['a header pair of three', capture({ headers: [['X-A', '1', 'extra']] }), /^line 4: capture: headers\.0/],
  ['a record that is an array', '[1,2,3]', /^line 4: unknown record type \(none\)/],
  ['a record that is null', 'null', /^line 4: unknown record type \(none\)/],
  [
    'an unknown record type',
    capture({ type: 'capture\u001b[0m' }),
    /^line 4: unknown record type "capture\\u001b\[0m"/,
  ],
  // Huge numbers.
  ['an id of 1e300', capture({ id: 1e300 }), /^line 4: capture: id: /],
  ['a port of 99999', capture({ remotePort: 99_999 }), /^line 4: capture: remotePort: /],
  ['a size of 1e308', withBody(body7, { bodySize: 1e308 }), /^line 4: capture: bodySize: /],
  [
    'a status of 10^9',
    capture({ response: { kind: 'answered', status: 1e9, headers: [], body: '', delayMs: 0 } }),
    /^line 4: capture: response/,
  ],
  [
    'a delay of a year',
    capture({ response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 31_536_000_000 } }),
    /^line 4: capture: response/,
  ],
  [
    'a negative replay size',
    capture({ replays: [replay({ response: { status: 200, headers: [], bodyBase64: '', size: -1 } })] }),
    /^line 4: capture: replays\.0\.response\.size: /,
  ],
  // Base64 that is not base64.
  ['a body of "not base64!"', capture({ bodyBase64: 'not base64!' }), /^line 4: capture: bodyBase64: is not base64/],
  ['a body of the wrong length', capture({ bodyBase64: 'abc' }), /^line 4: capture: bodyBase64: is not base64/],
  ['a body with padding inside', capture({ bodyBase64: 'QQ==QQ==' }), /^line 4: capture: bodyBase64: is not base64/],
  [
    'a replay body that is not base64',
    capture({ replays: [replay({}, { bodyBase64: '%%%%' })] }),
    /^line 4: capture: replays\.0\.request\.bodyBase64: is not base64/,
  ],
  [
    'a replay response smaller than its body',
    capture({ replays: [replay({ response: { status: 200, headers: [], bodyBase64: 'AAAA', size: 1 } })] }),
    /^line 4: capture 2: replays\.0\.response\.size 1 is less than the 3 bytes/,
  ],
  // Duplicate records.
  ['the same capture id twice', good(1), /^line 4: capture 1 appears twice/],
  // Endpoints.
  [
    'an endpoint rule header with CR/LF',
    {
      type: 'endpoint',
      slug: 'evil',
      rule: { headers: [['X-A', '1\r\nSet-Cookie: a=b']] },
      provider: null,
      forwardUrl: null,
      forwardMode: 'rule',
    },
    /^line 4: endpoint: rule\.headers: has a header/,
  ],
  [
    'an endpoint slug that is a path',
    { type: 'endpoint', slug: '../etc', rule: {}, provider: null, forwardUrl: null, forwardMode: 'rule' },
    /^line 4: endpoint: slug: a slug is/,
  ],
];

describe('hostile NDJSON imports are refused whole and change nothing', () => {
  it.each(ndjsonCases)('%s', async (_name, bad, message) => {
    await refused(ndjsonWith(bad), message);
  });

  it('refuses a header of the wrong version, an empty file and text that is neither format', async () => {
    await refused(
      [
        JSON.stringify({ type: 'hookscope-export', version: 2, exportedAt: '2026-01-01T00:00:00Z', hookscope: '9' }),
        JSON.stringify(good(1)),
      ].join('\n'),
      /^line 1: not a Hookscope export header \(version: /,
    );
    await refused('\n\n  \n', /^the file is empty/);
    await refused('\u001b]0;pwned\u0007 hello', /^the file is neither a Hookscope NDJSON export nor a HAR document/);
  });

  it('refuses a line longer than any export holds as soon as it gets that long, without buffering it', async () => {
    const lines = async () => {
      for await (const _ of sourceLines(textSource(`{"type":"hookscope-export"}\n${'x'.repeat(5000)}\n`), 1000));
    };
    await expect(lines()).rejects.toMatchObject({
      code: 'IMPORT_INVALID',
      message: expect.stringMatching(/^line 2: longer than/),
    });
  });
});

/** A HAR entry as a browser would write it, with fields replaced. */
function entry(request: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    startedDateTime: '2026-06-01T10:00:00.000Z',
    time: 1,
    request: {
      method: 'POST',
      url: 'http://example.test/imported/h',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [{ name: 'Content-Type', value: 'text/plain' }],
      queryString: [],
      postData: { mimeType: 'text/plain', text: 'hi' },
      headersSize: -1,
      bodySize: 2,
      ...request,
    },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'text/plain', text: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
    ...extra,
  };
}
const hookscopeExtra = (fields: Record<string, unknown> = {}) => ({
  _hookscope: {
    endpoint: 'imported',
    path: '/imported/h',
    query: '',
    url: 'http://example.test/imported/h',
    remoteAddress: '127.0.0.1',
    remotePort: 5000,
    bodySize: 2,
    truncated: false,
    error: null,
    response: null,
    provider: null,
    eventType: null,
    signatureStatus: null,
    signature: null,
    ...fields,
  },
});
/** A HAR whose first entry is good and whose second is `bad`. */
const har = (bad: unknown) =>
  JSON.stringify({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [entry(), bad] } }, null, 2);

const harCases: Array<[string, string, RegExp]> = [
  [
    'CR/LF in the method',
    har(entry({ method: 'POST\r\nX: 1' })),
    /^log\.entries\.1\.request\.method: is not an HTTP method/,
  ],
  [
    'a space in the method',
    har(entry({ method: 'GET /' })),
    /^log\.entries\.1\.request\.method: is not an HTTP method/,
  ],
  [
    'LF in the URL',
    har(entry({ url: 'http://example.test/a\nb' })),
    /^log\.entries\.1\.request\.url: holds a space, CR, LF, NUL/,
  ],
  [
    'a URL that is not one',
    har(entry({ url: 'not-a-url' })),
    /^log\.entries\.1\.request\.url: "not-a-url" is not a URL/,
  ],
  [
    'a space in a header name',
    har(entry({ headers: [{ name: 'X Bad', value: '1' }] })),
    /^log\.entries\.1\.request\.headers\.0\.name: is not a header name/,
  ],
  [
    'CR/LF in a header value',
    har(entry({ headers: [{ name: 'X-A', value: 'a\r\nX-B: b' }] })),
    /^log\.entries\.1\.request\.headers\.0\.value: holds CR, LF, NUL/,
  ],
  [
    'NUL in a header value',
    har(entry({ headers: [{ name: 'X-A', value: '\u0000' }] })),
    /^log\.entries\.1\.request\.headers\.0\.value: holds CR, LF, NUL/,
  ],
  [
    'a body in base64 that is not base64',
    har(entry({ postData: { mimeType: 'x', text: 'not base64!', encoding: 'base64' } })),
    /^log\.entries\.1\.request\.postData\.text: is not base64/,
  ],
  [
    'LF in the HTTP version',
    har(entry({ httpVersion: 'HTTP/1.1\r\n' })),
    /^log\.entries\.1\.request\.httpVersion: is not an HTTP version/,
  ],
  [
    'NUL in the Hookscope path',
    har(entry({}, hookscopeExtra({ path: '/imported/\u0000' }))),
    /^log\.entries\.1\._hookscope\.path: /,
  ],
  [
    'a lying Hookscope body size',
    har(entry({}, hookscopeExtra({ bodySize: 1_000_000_000 }))),
    /^log\.entries\.1\._hookscope\.bodySize: 1000000000 does not match the 2 bytes/,
  ],
  [
    'a time that is not a time',
    har(entry({}, { startedDateTime: 'soon' })),
    /^log\.entries\.1\.startedDateTime: is not an ISO time/,
  ],
  [
    'a status that is a string',
    har({ ...entry(), response: { status: '200' } }),
    /^log\.entries\.1\.response\.status: /,
  ],
  [
    'entries that are not a list',
    JSON.stringify({ log: { entries: { 0: entry() } } }),
    /^not a HAR document: log\.entries: /,
  ],
  [
    '100,000-deep JSON in an entry field',
    har(entry()).replace('"cache": {}', `"cache": ${deepArray}`),
    /^the HAR document nests deeper than 256 levels/,
  ],
  ['a HAR that is 100,000-deep JSON', `{"log":${deepArray}}`, /^line 1: the record nests deeper than 256 levels/],
  [
    'a HAR cut short',
    har(entry()).slice(0, 300),
    /^the file is neither a Hookscope NDJSON export nor a HAR document \(not JSON: /,
  ],
];

describe('hostile HAR imports are refused whole and change nothing', () => {
  it.each(harCases)('%s', async (_name, text, message) => {
    await refused(text, message);
  });
});

describe('what can be recomputed from the bytes is, whatever the file says', () => {
  it('verdicts: a forged "valid" is checked and found invalid, a forged "invalid" is found valid', async () => {
    const ts = Math.floor(Date.UTC(2026, 6, 1) / 1000);
    const text = JSON.stringify({ webhookId: 'wh_1', eventId: 'evt_forged', eventType: 'visitor.new', data: {} });
    const body = Buffer.from(text);
    const signed = (secret: string, id: number, claims: Record<string, unknown>) => ({
      ...good(id),
      endpoint: 'prynt',
      path: '/prynt',
      url: 'http://h/prynt',
      query: '',
      receivedAt: new Date(ts * 1000 + id).toISOString(),
      headers: pryntHeaders(secret, text, ts),
      bodyBase64: body.toString('base64'),
      bodySize: body.length,
      bodySha256: createHash('sha256').update(body).digest('hex'),
      ...claims,
    });
    const forgedValid = signed('whsec_wrong', 101, {
      provider: 'prynt',
      eventType: 'visitor.new',
      signatureStatus: 'valid',
      signature: { status: 'valid', detail: 'forged' },
    });
    const forgedInvalid = signed(SECRET, 102, {
      provider: 'stripe',
      signatureStatus: 'invalid',
      signature: { status: 'invalid' },
    });
    const report = await app.replay.importText(
      [...header, JSON.stringify(forgedValid), JSON.stringify(forgedInvalid)].join('\n'),
    );
    expect(report.captures).toBe(2);
    app.drainBackground();
    expect(app.captureAnalyzed(report.idMap['101'])).toMatchObject({ provider: 'prynt', signatureStatus: 'invalid' });
    expect(app.captureAnalyzed(report.idMap['102'])).toMatchObject({ provider: 'prynt', signatureStatus: 'valid' });
  });

  it('a HAR body: size and SHA-256 from the bytes; a duplicate entry is found, not stored twice', async () => {
    const before = app.captures.count();
    const one = entry(
      {
        postData: {
          mimeType: 'application/octet-stream',
          text: Buffer.from([0, 1, 2, 255]).toString('base64'),
          encoding: 'base64',
        },
      },
      { startedDateTime: '2026-07-02T00:00:00.000Z' },
    );
    const report = await app.replay.importText(JSON.stringify({ log: { entries: [one, one] } }));
    expect(report).toMatchObject({ format: 'har', captures: 1, skipped: 1 });
    expect(report.idMap['1']).toBe(report.idMap['2']);
    const stored = app.captures.get(report.idMap['1']);
    expect(stored).toMatchObject({
      bodySize: 4,
      bodySha256: createHash('sha256')
        .update(Buffer.from([0, 1, 2, 255]))
        .digest('hex'),
    });
    expect(app.captures.count()).toBe(before + 1);
  });

  it('two NDJSON records of one request (different ids) store it once', async () => {
    const before = app.captures.count();
    const same = { ...good(1), receivedAt: '2026-07-03T00:00:00.000Z' };
    const report = await app.replay.importText(
      [...header, JSON.stringify({ ...same, id: 201 }), JSON.stringify({ ...same, id: 202 })].join('\n'),
    );
    expect(report).toMatchObject({ captures: 1, skipped: 1 });
    expect(report.idMap['201']).toBe(report.idMap['202']);
    expect(app.captures.count()).toBe(before + 1);
  });
});

describe('hookscope import of a hostile file', () => {
  it('exits 2 with one line naming the line and the field, no stack, and writes nothing', async () => {
    const folder = tempDir();
    try {
      const file = join(folder.path, 'evil.ndjson');
      writeFileSync(file, ndjsonWith(capture({ method: 'POST\r\n\u001b[2J' })));
      const result = await runCli(['import', file, '--data', join(folder.path, 'data')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(
        "hookscope: line 4: capture: method: is not an HTTP method (a token: letters, digits and !#$%&'*+-.^_`|~, no space, CR, LF or NUL); nothing was imported [IMPORT_INVALID]\n",
      );
      expect(result.stdout).toBe('');
      const check = createApp({ dataDir: join(folder.path, 'data') });
      try {
        expect(check.captures.count()).toBe(0);
        expect(check.endpoints.find('imported')).toBeUndefined();
      } finally {
        await check.close();
      }
    } finally {
      folder.remove();
    }
  });
});
