import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { rawRequest, statusesIn, type RawResponse } from '../../helpers/raw-http';

let cap: RunningCapture;

beforeAll(async () => {
  cap = await startCaptureApp({ bodyLimit: 10 * 1024 * 1024, requestTimeoutMs: 1500 });
  cap.app.createEndpoint('bad');
});
afterAll(() => cap.close());

interface BadInput {
  name: string;
  parts: (Buffer | string)[];
  /** Statuses a correct server may answer with; [] means no answer is right (the client left). */
  statuses: number[];
  /** A row must exist for this path afterwards, with these properties. */
  recorded?: { path: string; truncated?: boolean; error?: string | null };
  options?: Parameters<typeof rawRequest>[2];
}

const H = 'Host: bad.test\r\n';
const big = (n: number) => Buffer.alloc(n, 0x61);

const corpus: BadInput[] = [
  { name: 'garbage request line', parts: ['GARBAGE\r\n\r\n'], statuses: [400] },
  { name: 'request line without a version (HTTP/0.9 style)', parts: ['GET /bad/v09\r\n\r\n'], statuses: [400, 200] },
  { name: 'invalid characters in the method', parts: [`G@T /bad/x HTTP/1.1\r\n${H}\r\n`], statuses: [400] },
  { name: 'lower-case method', parts: [`post /bad/x HTTP/1.1\r\n${H}\r\n`], statuses: [400] },
  { name: 'space inside a header name', parts: [`GET /bad/x HTTP/1.1\r\n${H}Bad Header: x\r\n\r\n`], statuses: [400] },
  {
    name: 'control character in a header value',
    parts: [`GET /bad/x HTTP/1.1\r\n${H}X-Ctl: a\u0001b\r\n\r\n`],
    statuses: [400],
  },
  { name: 'header line without a colon', parts: [`GET /bad/x HTTP/1.1\r\n${H}NoColonHere\r\n\r\n`], statuses: [400] },
  {
    name: 'obsolete line folding',
    parts: [`GET /bad/x HTTP/1.1\r\n${H}X-Fold: a\r\n  folded\r\n\r\n`],
    statuses: [400],
  },
  {
    name: 'a 20 KiB header',
    parts: [`GET /bad/x HTTP/1.1\r\n${H}X-Huge: ${'h'.repeat(20 * 1024)}\r\n\r\n`],
    statuses: [431],
  },
  {
    name: 'both Content-Length and chunked (smuggling)',
    parts: [`POST /bad/smuggle HTTP/1.1\r\n${H}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    statuses: [400],
  },
  {
    name: 'two different Content-Length values',
    parts: [`POST /bad/x HTTP/1.1\r\n${H}Content-Length: 3\r\nContent-Length: 5\r\n\r\nabcde`],
    statuses: [400],
  },
  {
    name: 'negative Content-Length',
    parts: [`POST /bad/x HTTP/1.1\r\n${H}Content-Length: -1\r\n\r\n`],
    statuses: [400],
  },
  { name: 'unsupported HTTP version', parts: [`GET /bad/x HTTP/3.0\r\n${H}\r\n`], statuses: [400, 505] },
  {
    name: 'random binary bytes',
    parts: [
      Buffer.from([
        0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03, 0xff, 0x00, 0x0d, 0x0a, 0x0d, 0x0a,
      ]),
    ],
    statuses: [400],
  },
  {
    name: 'raw non-UTF-8 byte in the path',
    parts: [Buffer.concat([Buffer.from('GET /bad/'), Buffer.from([0xff, 0xfe]), Buffer.from(` HTTP/1.1\r\n${H}\r\n`)])],
    statuses: [400, 200],
  },
  {
    name: 'percent-encoded NUL and invalid UTF-8 in the path',
    parts: [`GET /bad/%00%FF%C3%28 HTTP/1.1\r\n${H}\r\n`],
    statuses: [200],
    recorded: { path: '/bad/%00%FF%C3%28' },
  },
  {
    name: 'invalid JSON labelled as JSON',
    parts: [`POST /bad/json HTTP/1.1\r\n${H}Content-Type: application/json\r\nContent-Length: 9\r\n\r\n{"a": 1,,`],
    statuses: [200],
    recorded: { path: '/bad/json', truncated: false },
  },
  {
    name: 'HTTP/1.0 without Host',
    parts: ['POST /bad/http10 HTTP/1.0\r\nContent-Length: 2\r\n\r\nok'],
    statuses: [200],
    recorded: { path: '/bad/http10' },
  },
  {
    name: 'absolute-form request target',
    parts: [`POST http://elsewhere.example/bad/absolute?x=1 HTTP/1.1\r\n${H}Content-Length: 0\r\n\r\n`],
    statuses: [200],
    recorded: { path: '/bad/absolute' },
  },
  {
    name: 'an 8 KiB path',
    parts: [`GET /bad/${'p'.repeat(8 * 1024)} HTTP/1.1\r\n${H}\r\n`],
    statuses: [200],
    recorded: { path: `/bad/${'p'.repeat(8 * 1024)}` },
  },
  {
    name: 'Expect: 100-continue',
    parts: [`POST /bad/continue HTTP/1.1\r\n${H}Expect: 100-continue\r\nContent-Length: 3\r\n\r\n`, 'abc'],
    statuses: [100, 200],
    recorded: { path: '/bad/continue' },
    options: { gapMs: 100 },
  },
  {
    name: 'invalid chunk size',
    parts: [`POST /bad/badchunk HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n`],
    statuses: [400, 200, 500],
    recorded: { path: '/bad/badchunk', truncated: true, error: 'client-aborted' },
  },
  {
    name: 'an 11 MiB body',
    parts: [`POST /bad/huge HTTP/1.1\r\n${H}Content-Length: ${11 * 1024 * 1024}\r\n\r\n`, big(11 * 1024 * 1024)],
    statuses: [413],
    recorded: { path: '/bad/huge', truncated: true, error: 'body-too-large' },
    options: { idleMs: 1000 },
  },
  {
    name: 'a chunked body past the limit',
    parts: [
      `POST /bad/hugechunked HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n`,
      `${(6 * 1024 * 1024).toString(16)}\r\n`,
      big(6 * 1024 * 1024),
      `\r\n${(6 * 1024 * 1024).toString(16)}\r\n`,
      big(6 * 1024 * 1024),
      '\r\n0\r\n\r\n',
    ],
    statuses: [413],
    recorded: { path: '/bad/hugechunked', truncated: true, error: 'body-too-large' },
    options: { idleMs: 1000 },
  },
  {
    name: 'a lying Content-Length (more promised than sent, then close)',
    parts: [`POST /bad/liar HTTP/1.1\r\n${H}Content-Length: 100\r\n\r\nonly ten b`],
    statuses: [400],
    recorded: { path: '/bad/liar', truncated: true, error: 'client-aborted' },
    options: { endAfterWrite: true },
  },
  {
    name: 'a client that stalls mid-body',
    parts: [`POST /bad/stall HTTP/1.1\r\n${H}Content-Length: 50\r\n\r\nhalf`],
    statuses: [408],
    recorded: { path: '/bad/stall', truncated: true, error: 'client-aborted' },
    options: { idleMs: 4000, maxMs: 6000 },
  },
  {
    name: 'a client that stalls in the headers',
    parts: [`GET /bad/slow HTTP/1.1\r\n${H}X-Slow: still typing`],
    statuses: [408],
    options: { idleMs: 4000, maxMs: 6000 },
  },
  {
    name: 'a client that disconnects mid-body',
    parts: [`POST /bad/gone HTTP/1.1\r\n${H}Content-Length: 1000\r\n\r\n`, big(300)],
    statuses: [400],
    recorded: { path: '/bad/gone', truncated: true, error: 'client-aborted' },
    options: { endAfterWrite: true },
  },
  {
    name: 'pipelined requests',
    parts: [
      `POST /bad/pipe1 HTTP/1.1\r\n${H}Content-Length: 1\r\n\r\n1POST /bad/pipe2 HTTP/1.1\r\n${H}Content-Length: 1\r\n\r\n2GET /bad/pipe3 HTTP/1.1\r\n${H}\r\n`,
    ],
    statuses: [200],
    recorded: { path: '/bad/pipe3' },
  },
  { name: 'CONNECT to another host', parts: [`CONNECT elsewhere.example:443 HTTP/1.1\r\n${H}\r\n`], statuses: [] },
  { name: 'a connection opened and closed at once', parts: [], statuses: [], options: { endAfterWrite: true } },
];

async function healthy(): Promise<void> {
  const ok = await fetch(`${cap.url}/bad/health`, { method: 'POST', body: 'still here' });
  expect(ok.status).toBe(200);
}

describe('bad inputs', () => {
  it('has a corpus of at least 25 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  for (const input of corpus) {
    it(`${input.name}: answered clearly or recorded, and the server stays up`, async () => {
      const before = cap.app.captures.count();
      const response: RawResponse = await rawRequest(cap.port, input.parts, input.options);
      const statuses = statusesIn(response.raw);
      if (input.statuses.length === 0) expect(statuses.filter((s) => s !== 100)).toEqual([]);
      else {
        expect(statuses.length).toBeGreaterThan(0);
        for (const s of statuses) expect(input.statuses).toContain(s);
      }
      if (statuses.some((s) => s >= 400)) {
        // Every refusal says why in one line.
        const text = response.raw.toString('latin1');
        expect(text.split('\r\n\r\n')[1]?.trim().length ?? 0).toBeGreaterThan(0);
      }
      if (input.recorded) {
        await new Promise((r) => setTimeout(r, 100));
        const rows = cap.app.captures
          .list({ endpoint: 'bad', limit: 20 })
          .filter((r) => r.path === input.recorded!.path);
        expect(rows.length).toBeGreaterThan(0);
        const stored = cap.app.captures.get(rows[0].id);
        if (input.recorded.truncated !== undefined) expect(stored.truncated).toBe(input.recorded.truncated);
        if (input.recorded.error !== undefined) expect(stored.error).toBe(input.recorded.error);
      } else if (input.statuses.every((s) => s >= 400) || input.statuses.length === 0) {
        expect(cap.app.captures.count()).toBe(before);
      }
      await healthy();
    });
  }

  it('keeps the headers and the first 64 KiB of an oversized body', () => {
    const row = cap.app.captures.list({ endpoint: 'bad', limit: 100 }).find((r) => r.path === '/bad/huge')!;
    const stored = cap.app.captures.get(row.id);
    expect(stored.body.length).toBe(64 * 1024);
    expect(stored.bodySize).toBe(11 * 1024 * 1024);
    expect(stored.headers).toContainEqual(['Content-Length', String(11 * 1024 * 1024)]);
    expect(stored.response).toMatchObject({ kind: 'answered', status: 413 });
  });

  it('stored all three pipelined requests in order', () => {
    const paths = cap.app.captures
      .list({ endpoint: 'bad', limit: 200 })
      .map((r) => r.path)
      .reverse();
    const pipe = paths.filter((p) => p.startsWith('/bad/pipe'));
    expect(pipe).toEqual(['/bad/pipe1', '/bad/pipe2', '/bad/pipe3']);
  });
});
