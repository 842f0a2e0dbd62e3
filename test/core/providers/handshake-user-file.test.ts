/**
 * A user's provider file may declare a handshake the same way the built-in
 * providers do: it loads with defaults filled in, the sender's request and
 * answer checker use it, and a mistaken one is named by file, field and
 * problem (the file skipped, nothing else changed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSample, loadUserProviders } from '../../../src/core/providers';
import { buildHandshakeRequest, handshakeOf } from '../../../src/core/providers/handshake';
import { judgeHandshakeAnswer } from '../../../src/core/providers/handshake-answer';

const dir = mkdtempSync(join(tmpdir(), 'hookscope-handshake-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(id: string, handshake: unknown): Record<string, unknown> {
  return {
    id,
    name: 'Acme Hooks',
    signature: {
      forms: [
        { name: 'default', label: 'hex of body', header: 'X-Acme-Sig', format: { kind: 'plain' }, digest: 'hex' },
      ],
    },
    events: [
      { type: 'order.paid', sample: { type: 'order.paid' } },
      { type: 'acme.verify', sample: { type: 'acme.verify', nonce: '{{id::16}}' }, handshake },
    ],
  };
}

describe("a handshake in a user's provider file", () => {
  writeFileSync(
    join(dir, 'acme.json'),
    JSON.stringify(
      file('acme', {
        answer: {
          anyOf: [
            [
              {
                in: 'json',
                path: 'echo',
                value: { from: 'sample', path: 'nonce', hmac: { algorithm: 'hmac-sha256', digest: 'base64' } },
              },
            ],
          ],
          summary: 'status 200 with {"echo": base64 HMAC-SHA256(secret, nonce)}',
        },
      }),
    ),
  );
  writeFileSync(
    join(dir, 'bad-source.json'),
    JSON.stringify(
      file('bad-source', { answer: { anyOf: [[{ in: 'text', value: { from: 'sample' } }]], summary: 's' } }),
    ),
  );
  writeFileSync(
    join(dir, 'bad-method.json'),
    JSON.stringify(file('bad-method', { request: { method: 'PUT' }, answer: { summary: 's' } })),
  );
  const loaded = loadUserProviders(dir, { reservedIds: [] });

  it('loads with the defaults: a signed POST of the sample, 200 expected', () => {
    expect(loaded.providers.map((p) => p.id)).toEqual(['acme']);
    const acme = loaded.providers[0];
    expect(handshakeOf(acme, 'acme.verify')).toMatchObject({
      request: { method: 'POST', query: {}, headers: [], body: 'sample', signed: true },
      answer: { status: [200], advisory: [], afterFailure: 'The endpoint is not verified.' },
    });
    expect(handshakeOf(acme, 'order.paid')).toBeUndefined();
  });

  it('is played and judged like a built-in one', () => {
    const acme = loaded.providers[0];
    const payload = Buffer.from(JSON.stringify(buildSample(acme, 'acme.verify', 4)));
    const built = buildHandshakeRequest(acme, handshakeOf(acme, 'acme.verify')!, {
      eventType: 'acme.verify',
      payload,
      secret: 'k',
      timestampSec: 1_780_000_000,
    });
    expect(built.headers.some(([n]) => n === 'X-Acme-Sig')).toBe(true);
    const echo = String(built.expect.anyOf[0][0].expected);
    const seen = (body: string) => ({ status: 200, headers: [] as [string, string][], body: Buffer.from(body) });
    expect(judgeHandshakeAnswer(built.expect, seen(JSON.stringify({ echo }))).ok).toBe(true);
    expect(judgeHandshakeAnswer(built.expect, seen(JSON.stringify({ echo: 'no' }))).problem).toContain(
      `echo was "no"; Acme Hooks expects status 200 with {"echo": base64 HMAC-SHA256(secret, nonce)}: JSON field echo = base64 HMAC-SHA256(secret, nonce) = "${echo}"`,
    );
  });

  it('names a mistaken handshake by file, field and problem', () => {
    const byFile = Object.fromEntries(loaded.errors.map((e) => [e.file, e]));
    expect(byFile['bad-source.json']).toMatchObject({
      field: 'events[1].handshake.answer.anyOf[0][0].value.path',
      problem: expect.stringContaining('required when from is "sample"'),
    });
    expect(byFile['bad-method.json']).toMatchObject({ field: 'events[1].handshake.request.method' });
  });
});
