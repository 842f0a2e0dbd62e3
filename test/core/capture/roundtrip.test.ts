import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/core/capture/decode';
import { toDetail } from '../../../src/core/store/captures';
import type { CaptureDetail } from '../../../src/shared/capture-types';
import { cliJson } from '../../helpers/cli';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { rawRequest } from '../../helpers/raw-http';

let cap: RunningCapture;

beforeAll(async () => {
  cap = await startCaptureApp();
  cap.app.createEndpoint('rt');
});
afterAll(() => cap.close());

/** Sends raw bytes, expects a 200 naming the capture, returns what `show --json` would print. */
async function roundTrip(parts: (Buffer | string)[]): Promise<CaptureDetail> {
  const response = await rawRequest(cap.port, parts);
  expect(response.status).toBe(200);
  const id = Number(/X-Hookscope-Capture-Id: (\d+)/i.exec(response.raw.toString('latin1'))?.[1]);
  expect(id).toBeGreaterThan(0);
  return toDetail(cap.app.captures.get(id));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('byte-exact round trip', () => {
  it('keeps mixed-case and duplicate headers in the order sent', async () => {
    const detail = await roundTrip([
      'POST /rt/headers HTTP/1.1\r\nHost: example.test\r\nX-MiXeD-Case: One\r\nx-dup: a\r\nX-Dup: b\r\nx-dup: c\r\n' +
        'content-TYPE: text/plain\r\nContent-Length: 2\r\n\r\nhi',
    ]);
    expect(detail.headers).toEqual([
      ['Host', 'example.test'],
      ['X-MiXeD-Case', 'One'],
      ['x-dup', 'a'],
      ['X-Dup', 'b'],
      ['x-dup', 'c'],
      ['content-TYPE', 'text/plain'],
      ['Content-Length', '2'],
    ]);
    expect(detail.endpoint).toBe('rt');
    expect(detail.path).toBe('/rt/headers');
    expect(detail.url).toBe('http://example.test/rt/headers');
  });

  it('keeps a body holding all 256 byte values, and show --json gives them back', async () => {
    const body = Buffer.from(Array.from({ length: 512 }, (_, i) => i % 256));
    const detail = await roundTrip([
      `PUT /rt/bytes HTTP/1.1\r\nHost: h\r\nContent-Type: application/octet-stream\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    ]);
    expect(Buffer.from(detail.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(detail.bodySha256).toBe(sha(body));
    expect(detail.bodySize).toBe(512);
    const shown = await cliJson<CaptureDetail>(['show', String(detail.id), '--data', cap.dataDir]);
    expect(shown.headers).toEqual(detail.headers);
    expect(Buffer.from(shown.bodyBase64, 'base64').equals(body)).toBe(true);
    expect(shown).toMatchObject({
      id: detail.id,
      method: 'PUT',
      httpVersion: '1.1',
      truncated: false,
      response: { status: 200 },
    });
    for (const key of [
      'id',
      'endpoint',
      'receivedAt',
      'method',
      'url',
      'path',
      'query',
      'httpVersion',
      'remoteAddress',
      'headers',
      'bodyBase64',
      'bodySize',
      'bodySha256',
      'truncated',
      'response',
    ]) {
      expect(shown).toHaveProperty(key);
    }
  });

  it('stores a chunked body de-chunked, with its Transfer-Encoding header', async () => {
    const detail = await roundTrip([
      'POST /rt/chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n',
      '5\r\nhello\r\n',
      '1\r\n \r\n',
      '5\r\nworld\r\n0\r\n\r\n',
    ]);
    expect(Buffer.from(detail.bodyBase64, 'base64').toString()).toBe('hello world');
    expect(detail.headers).toContainEqual(['Transfer-Encoding', 'chunked']);
  });

  it('keeps a gzip body as received and decodes it for display', async () => {
    const original = Buffer.from(JSON.stringify({ event: 'gzip.test', n: [1, 2, 3] }));
    const gz = gzipSync(original);
    const detail = await roundTrip([
      `POST /rt/gzip HTTP/1.1\r\nHost: h\r\nContent-Encoding: gzip\r\nContent-Type: application/json\r\nContent-Length: ${gz.length}\r\n\r\n`,
      gz,
    ]);
    const raw = Buffer.from(detail.bodyBase64, 'base64');
    expect(raw.equals(gz)).toBe(true);
    const decoded = decodeBody(detail.headers, raw);
    expect(decoded.decoded).toEqual(['gzip']);
    expect(decoded.bytes.equals(original)).toBe(true);
  });

  it('records an empty body', async () => {
    const detail = await roundTrip(['DELETE /rt/empty HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n']);
    expect(detail.bodySize).toBe(0);
    expect(detail.bodyBase64).toBe('');
    expect(detail.method).toBe('DELETE');
  });

  it('keeps a 9 MiB body whole', async () => {
    const body = randomBytes(9 * 1024 * 1024);
    const detail = await roundTrip([
      `POST /rt/big HTTP/1.1\r\nHost: h\r\nContent-Length: ${body.length}\r\n\r\n`,
      body,
    ]);
    expect(detail.truncated).toBe(false);
    expect(detail.bodySize).toBe(body.length);
    expect(detail.bodySha256).toBe(sha(body));
  });

  it('keeps a query with repeated keys and percent-encoding exactly', async () => {
    const detail = await roundTrip(['GET /rt/q?a=1&a=2&b=%E2%9C%93&c=a%20b+c&empty=&flag HTTP/1.1\r\nHost: h\r\n\r\n']);
    expect(detail.path).toBe('/rt/q');
    expect(detail.query).toBe('a=1&a=2&b=%E2%9C%93&c=a%20b+c&empty=&flag');
    expect(new URLSearchParams(detail.query).getAll('a')).toEqual(['1', '2']);
    expect(new URLSearchParams(detail.query).get('b')).toBe('✓');
  });
});
