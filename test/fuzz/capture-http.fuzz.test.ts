// Random and mutated HTTP requests, byte for byte on raw sockets, against a
// real capture server: it stays up, every request gets a status or a row, and
// a normal request afterwards works. Seeded and bounded in time.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureApp, type RunningCapture } from '../helpers/capture-app';
import { rawRequest } from '../helpers/raw-http';

const TIME_LIMIT_MS = 6000;

let cap: RunningCapture;
beforeAll(async () => {
  cap = await startCaptureApp({ requestTimeoutMs: 2000, bodyLimit: 64 * 1024 });
  cap.app.createEndpoint('fuzz');
});
afterAll(() => cap.close());

const token = (max: number) => fc.string({ unit: 'binary-ascii', maxLength: max });
const methodArb = fc.oneof(
  fc.constantFrom(
    'GET',
    'POST',
    'PUT',
    'PATCH',
    'DELETE',
    'HEAD',
    'OPTIONS',
    'TRACE',
    'PROPFIND',
    'M-SEARCH',
    'post',
    'G@T',
    '',
  ),
  token(8),
);
const pathArb = fc.oneof(
  fc.webPath().map((p) => `/fuzz${p}`),
  fc.webUrl({ withQueryParameters: true }),
  token(40),
  fc.constant('*'),
);
const headerNameArb = fc.oneof(
  fc.constantFrom(
    'Host',
    'Content-Type',
    'Content-Length',
    'Transfer-Encoding',
    'Content-Encoding',
    'Expect',
    'Connection',
    'Upgrade',
    'X-Hub-Signature-256',
    'Stripe-Signature',
  ),
  token(20),
);
const headerValueArb = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.constantFrom(
      'chunked',
      'gzip',
      'br',
      'identity, gzip',
      '100-continue',
      'close',
      'keep-alive',
      'websocket',
      '-1',
      '0',
      '99999999999',
      '5',
    ),
  },
  { weight: 10, arbitrary: token(60) },
  { weight: 1, arbitrary: fc.constant('h'.repeat(17 * 1024)) },
);
const versionArb = fc.constantFrom('HTTP/1.1', 'HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/1.1 extra', 'HTTP/9', '');

/** A request in wire form, usually well-formed apart from what the generators chose. */
const requestArb = fc
  .record({
    method: methodArb,
    path: pathArb,
    version: versionArb,
    headers: fc.array(fc.tuple(headerNameArb, headerValueArb), { maxLength: 8 }),
    body: fc.oneof(fc.uint8Array({ maxLength: 2048 }), fc.constant(new Uint8Array(70 * 1024).fill(0x61))),
    contentLength: fc.boolean(),
    lineEnd: fc.constantFrom('\r\n', '\r\n', '\n', '\r'),
  })
  .map((r) => {
    const head = [`${r.method} ${r.path} ${r.version}`, 'Host: fuzz.test', ...r.headers.map(([n, v]) => `${n}: ${v}`)];
    if (r.contentLength) head.push(`Content-Length: ${r.body.length}`);
    return Buffer.concat([Buffer.from(head.join(r.lineEnd) + r.lineEnd + r.lineEnd, 'latin1'), r.body]);
  });

const mutationArb = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('flip', 'insert', 'delete', 'truncate', 'duplicate'),
  byte: fc.integer({ min: 0, max: 255 }),
  length: fc.integer({ min: 1, max: 64 }),
});

function mutate(bytes: Buffer, mutations: { at: number; kind: string; byte: number; length: number }[]): Buffer {
  let out = Buffer.from(bytes);
  for (const m of mutations) {
    if (out.length === 0) break;
    const at = m.at % out.length;
    if (m.kind === 'flip') out[at] ^= m.byte || 1;
    else if (m.kind === 'insert')
      out = Buffer.concat([out.subarray(0, at), Buffer.alloc(m.length, m.byte), out.subarray(at)]);
    else if (m.kind === 'delete') out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
    else if (m.kind === 'truncate') out = out.subarray(0, at);
    else out = Buffer.concat([out.subarray(0, at + m.length), out.subarray(at)]);
  }
  return out;
}

const inputArb = fc.oneof(
  { weight: 3, arbitrary: requestArb },
  {
    weight: 4,
    arbitrary: fc
      .tuple(requestArb, fc.array(mutationArb, { minLength: 1, maxLength: 4 }))
      .map(([r, m]) => mutate(r, m)),
  },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 512 }).map((b) => Buffer.from(b)) },
);

/**
 * Inputs for which no status and no row is the right outcome: nothing but
 * blank bytes (no request began), or CONNECT (a tunnel request, which the
 * capture server does not serve: the connection is closed).
 */
function mayGoUnanswered(bytes: Buffer): boolean {
  const text = bytes.toString('latin1');
  return /^[\s\0]*$/.test(text) || /^\s*CONNECT /.test(text);
}

async function normalRequestWorks(): Promise<void> {
  const res = await fetch(`${cap.url}/fuzz/after`, { method: 'POST', body: '{"ok":1}' });
  expect(res.status).toBe(200);
  const id = Number(res.headers.get('x-hookscope-capture-id'));
  expect(cap.app.captures.get(id).path).toBe('/fuzz/after');
}

describe('fuzzing the capture server over raw sockets', () => {
  it('answers every request with a status or stores it, and stays up', async () => {
    let runs = 0;
    const seen = { answered: 0, storedUnanswered: 0, statuses: new Set<number>() };
    await fc.assert(
      fc.asyncProperty(inputArb, async (bytes) => {
        runs++;
        const before = cap.app.captures.maxId();
        const res = await rawRequest(cap.port, [bytes], { endAfterWrite: true, idleMs: 100, maxMs: 4000 });
        let stored = cap.app.captures.maxId() > before;
        // A request the client cut short is stored when its connection closes, a moment after.
        for (let i = 0; !stored && res.status === null && i < 20; i++) {
          await new Promise((r) => setTimeout(r, 10));
          stored = cap.app.captures.maxId() > before;
        }
        if (!mayGoUnanswered(bytes))
          expect(
            res.status !== null || stored,
            `neither status nor row for ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`,
          ).toBe(true);
        if (res.status !== null) {
          expect(res.status).toBeGreaterThanOrEqual(100);
          seen.answered++;
          seen.statuses.add(res.status);
        } else if (stored) seen.storedUnanswered++;
        if (runs % 25 === 0) await normalRequestWorks();
      }),
      { seed: 20_251_122, numRuns: 600, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
    // The generators reach both sides: requests stored and answered, and requests refused as malformed.
    expect(runs).toBeGreaterThan(50);
    expect([...seen.statuses]).toEqual(expect.arrayContaining([200, 400]));
    console.log(
      `capture fuzz: ${runs} inputs, ${seen.answered} answered (${[...seen.statuses].sort().join(', ')}), ${seen.storedUnanswered} stored unanswered`,
    );
    await normalRequestWorks();
  }, 30_000);
});
