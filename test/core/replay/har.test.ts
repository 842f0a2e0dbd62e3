import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/core/app';
import type { HarDocument } from '../../../src/shared/har-types';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { tempDir } from '../../helpers/temp-dir';
import { pryntHeaders, sendRaw } from './support';

const require = createRequire(import.meta.url);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The HAR 1.2 JSON schema (har-schema, draft-06) compiled with ajv. */
function harValidator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  const schemas = require('har-schema') as Record<string, object>;
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema('har.json#');
  if (!validate) throw new Error('har.json schema missing');
  return validate;
}

let cap: RunningCapture;
const ids: number[] = [];

beforeAll(async () => {
  cap = await startCaptureApp({ bodyLimit: 4096 });
  cap.app.createEndpoint('prynt', undefined, 'prynt');
  cap.app.setEndpointSecrets('prynt', ['whsec_har']);
  cap.app.createEndpoint('hang-not', {
    ...cap.app.endpoints.get('default').rule,
    status: 204,
    headers: [['Location', 'http://elsewhere.test/']],
  });
  const body =
    '{"webhookId":"wh_1","eventId":"evt_1","eventType":"visitor.new","apiVersion":"1","createdAt":"2026-02-14T11:45:22.341Z","idempotencyKey":"idk_1","data":{}}';
  ids.push(
    (
      await sendRaw(cap.port, {
        path: '/prynt/h?a=1&b=two%20words',
        headers: [...pryntHeaders('whsec_har', body, Math.floor(Date.now() / 1000)), ['Cookie', 'sid=abc; theme=dark']],
        body,
      })
    ).id,
  );
  ids.push(
    (
      await sendRaw(cap.port, {
        method: 'PATCH',
        path: '/hang-not/bin',
        headers: [
          ['X-Dup', '1'],
          ['x-dup', '2'],
        ],
        body: Buffer.from([0, 159, 146, 150, 255]),
      })
    ).id,
  );
  ids.push((await sendRaw(cap.port, { method: 'GET', path: '/plain', headers: [] })).id);
  ids.push((await sendRaw(cap.port, { path: '/plain/big', headers: [], body: Buffer.alloc(10_000, 65) })).id);
});
afterAll(() => cap.close());

describe('HAR export', () => {
  it('validates against the HAR 1.2 schema', () => {
    const har = cap.app.replay.har({});
    const validate = harValidator();
    // The validator does reject what is not HAR.
    expect(
      validate({ log: { version: '1.2', creator: { name: 'x', version: '1' }, entries: [{ request: {} }] } }),
    ).toBe(false);
    const ok = validate(JSON.parse(JSON.stringify(har)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries).toHaveLength(ids.length);
  });

  it('holds the requests as received and the answers given', () => {
    const [prynt, bin, get, big] = cap.app.replay.har({}).log.entries;
    expect(prynt.request).toMatchObject({
      method: 'POST',
      httpVersion: 'HTTP/1.1',
      bodySize: prynt.request.postData!.text.length,
    });
    expect(prynt.request.url).toBe(`http://127.0.0.1:${cap.port}/prynt/h?a=1&b=two%20words`);
    expect(prynt.request.queryString).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'two words' },
    ]);
    expect(prynt.request.cookies).toEqual([
      { name: 'sid', value: 'abc' },
      { name: 'theme', value: 'dark' },
    ]);
    expect(prynt.request.postData).toMatchObject({ mimeType: 'application/json' });
    expect(prynt.response).toMatchObject({
      status: 200,
      statusText: 'OK',
      content: { text: `{"ok":true,"id":${ids[0]}}` },
    });
    expect(prynt._hookscope).toMatchObject({ endpoint: 'prynt', provider: 'prynt', signatureStatus: 'valid' });
    expect(bin.request.headers.filter((h) => h.name.toLowerCase() === 'x-dup')).toEqual([
      { name: 'X-Dup', value: '1' },
      { name: 'x-dup', value: '2' },
    ]);
    expect(bin.request.postData).toEqual({
      mimeType: 'application/octet-stream',
      text: Buffer.from([0, 159, 146, 150, 255]).toString('base64'),
      _encoding: 'base64',
    });
    expect(bin.response).toMatchObject({ status: 204, redirectURL: 'http://elsewhere.test/' });
    expect(get.request.postData).toBeUndefined();
    expect(big.response.status).toBe(413);
    expect(big._hookscope).toMatchObject({ truncated: true, bodySize: 10_000, error: 'body-too-large' });
  });

  it('imports back into another folder: same requests and bytes, verdicts given here', async () => {
    const har = cap.app.replay.har({});
    const dir = tempDir();
    const target = createApp({ dataDir: dir.path });
    try {
      const report = await target.replay.importText(JSON.stringify(har, null, 2));
      expect(report).toMatchObject({ format: 'har', captures: ids.length, skipped: 0 });
      expect(report.endpointsCreated.sort()).toEqual(['hang-not', 'prynt']);
      target.drainBackground();
      ids.forEach((oldId, i) => {
        const before = cap.app.captures.get(oldId);
        const after = target.captureAnalyzed(report.idMap[String(i + 1)]);
        for (const key of [
          'endpoint',
          'receivedAt',
          'method',
          'url',
          'path',
          'query',
          'httpVersion',
          'headers',
          'bodySize',
          'bodySha256',
          'truncated',
          'error',
          'response',
          'provider',
          'eventType',
          'remoteAddress',
          'remotePort',
        ] as const) {
          expect(after[key], `${key} of capture ${oldId}`).toEqual(before[key]);
        }
        expect(sha(after.body)).toBe(sha(before.body));
      });
      expect((await target.replay.importText(JSON.stringify(har))).skipped).toBe(ids.length);
    } finally {
      await target.close();
      dir.remove();
    }
  });

  it('imports a HAR from elsewhere (a browser): routed like the capture server would, verified here', async () => {
    const dir = tempDir();
    const target = createApp({ dataDir: dir.path });
    try {
      target.createEndpoint('api');
      const foreign: HarDocument = {
        log: {
          version: '1.2',
          creator: { name: 'WebInspector', version: '537.36' },
          entries: [
            {
              startedDateTime: '2026-02-14T10:00:00.123Z',
              time: 12,
              request: {
                method: 'POST',
                url: 'https://example.test/api/orders?id=7',
                httpVersion: 'http/2.0',
                cookies: [],
                headers: [
                  { name: ':method', value: 'POST' },
                  { name: 'content-type', value: 'application/json' },
                ],
                queryString: [{ name: 'id', value: '7' }],
                postData: { mimeType: 'application/json', text: '{"n":1}' },
                headersSize: -1,
                bodySize: 7,
              },
              response: {
                status: 201,
                statusText: 'Created',
                httpVersion: 'http/2.0',
                cookies: [],
                headers: [{ name: 'x-r', value: '1' }],
                content: { size: 4, mimeType: 'text/plain', text: 'done' },
                redirectURL: '',
                headersSize: -1,
                bodySize: 4,
              },
              cache: {},
              timings: { send: 1, wait: 10, receive: 1 },
            },
            {
              startedDateTime: '2026-02-14T10:00:01Z',
              time: 0,
              request: {
                method: 'GET',
                url: 'https://example.test/other',
                httpVersion: 'HTTP/1.1',
                cookies: [],
                headers: [],
                queryString: [],
                headersSize: -1,
                bodySize: 0,
              },
              response: {
                status: 0,
                statusText: '',
                httpVersion: '',
                cookies: [],
                headers: [],
                content: { size: 0, mimeType: 'x-unknown' },
                redirectURL: '',
                headersSize: -1,
                bodySize: -1,
                _error: 'net::ERR_FAILED',
              },
              cache: {},
              timings: { send: 0, wait: 0, receive: 0 },
            },
          ],
        },
      };
      const report = await target.replay.importText(JSON.stringify(foreign));
      expect(report).toMatchObject({ captures: 2, endpointsCreated: [] });
      const first = target.captureAnalyzed(report.idMap['1']);
      expect(first).toMatchObject({
        endpoint: 'api',
        method: 'POST',
        path: '/api/orders',
        query: 'id=7',
        httpVersion: '2.0',
        receivedAt: Date.parse('2026-02-14T10:00:00.123Z'),
      });
      expect(first.headers).toEqual([['content-type', 'application/json']]);
      expect(first.body.toString()).toBe('{"n":1}');
      expect(first.response).toEqual({
        kind: 'answered',
        status: 201,
        headers: [['x-r', '1']],
        body: 'done',
        delayMs: 0,
      });
      expect(first.staleVerdict).toBe(false);
      const second = target.captures.get(report.idMap['2']);
      expect(second).toMatchObject({ endpoint: 'default', response: { kind: 'none', reason: 'net::ERR_FAILED' } });
    } finally {
      await target.close();
      dir.remove();
    }
  });

  it('refuses what is not HAR, naming the field, and imports nothing', async () => {
    const dir = tempDir();
    const target = createApp({ dataDir: dir.path });
    try {
      await expect(target.replay.importText('{"log":{"entries":[{"startedDateTime":"x"}]}}')).rejects.toThrow(
        expect.objectContaining({
          code: 'IMPORT_INVALID',
          message: expect.stringMatching(/^log\.entries\.0\.startedDateTime: is not an ISO time/),
        }),
      );
      await expect(target.replay.importText('{"log":{}}')).rejects.toThrow(
        expect.objectContaining({
          code: 'IMPORT_INVALID',
          message: expect.stringMatching(/^not a HAR document: log\.entries/),
        }),
      );
      expect(target.captures.count()).toBe(0);
    } finally {
      await target.close();
      dir.remove();
    }
  });
});
