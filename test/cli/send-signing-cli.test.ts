// `hookscope send --form`, and what `hookscope delivery` shows of the
// handler's answer. Real child processes, a real handler on 127.0.0.1.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cliJson, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { startServer, type TestServer } from '../core/sender/support/servers';

const SECRET = 'whsec_lrdefender_doc_test';

/**
 * LRDefender's verifiers, written from its document (seeds/000): "Plain hex:
 * HMAC-SHA256(secret, payload)"; "Timestamped: t=<unix>,v1=<hex> where the
 * signed message is "<t>.<payload>"", with a 300 s tolerance.
 */
function verifyPlain(payload: Buffer, signature: string, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(payload).digest('hex');
  return signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
}
function verifyTimestamped(payload: Buffer, signature: string, secret: string, nowSec: number): boolean {
  const parts = Object.fromEntries(signature.split(',').map((p) => p.split('=', 2) as [string, string]));
  if (!parts.t || !parts.v1 || !/^\d+$/.test(parts.t)) return false;
  if (Math.abs(nowSec - Number(parts.t)) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.`).update(payload).digest('hex');
  return parts.v1.length === expected.length && timingSafeEqual(Buffer.from(parts.v1), Buffer.from(expected));
}

let dir: { path: string; remove(): void };
const servers: TestServer[] = [];
beforeAll(() => {
  dir = tempDir();
});
afterAll(() => dir.remove());
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function handler(
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): Promise<TestServer> {
  const server = await startServer((_req, res) => res.writeHead(status, headers).end(body));
  servers.push(server);
  return server;
}

interface JsonAttempt {
  n: number;
  signedTimestamp: number | null;
  signature: string | null;
  response: {
    status: number | null;
    headers: [string, string][];
    body: string;
    bodyBase64: string;
    keptSize: number;
    size: number;
    truncated: boolean;
  } | null;
}

describe('send --form', () => {
  it("LRDefender's plain form: every attempt (6, retries included) passes the document's plain verifier and fails its timestamped one", async () => {
    const server = await handler(500, 'no');
    const sent = await runCli([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      server.url,
      '--secret',
      SECRET,
      '--form',
      'plain',
      '--speed',
      '1000000',
      '--json',
      '--data',
      dir.path,
    ]);
    expect(sent.code).toBe(1); // every attempt failed, as the handler answered 500
    const result = JSON.parse(sent.stdout) as {
      deliveryId: number;
      signatureForm: string;
      attempts: JsonAttempt[];
      warnings: string[];
    };
    expect(result.signatureForm).toBe('plain');
    expect(result.attempts).toHaveLength(6);
    expect(server.hits).toHaveLength(6);
    const nowSec = Math.floor(Date.now() / 1000);
    for (const hit of server.hits) {
      const signature = String(hit.headers['x-webhook-signature']);
      expect(signature).toMatch(/^[0-9a-f]{64}$/);
      expect(verifyPlain(hit.body, signature, SECRET)).toBe(true);
      expect(verifyTimestamped(hit.body, signature, SECRET, nowSec)).toBe(false);
    }
    // The plain form signs no timestamp; the stored attempts say so, and that all six carry one signature.
    expect(
      result.attempts.every(
        (a) => a.signedTimestamp === null && a.signature === server.hits[0].headers['x-webhook-signature'],
      ),
    ).toBe(true);
    expect(
      result.warnings.some((w) => w.includes('carry the same signature') && w.includes('signs the body alone')),
    ).toBe(true);
  });

  it('the default (timestamped) form passes the timestamped verifier and fails the plain one; an unknown form is refused', async () => {
    const server = await handler(200, 'ok');
    const sent = await runCli([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      server.url,
      '--secret',
      SECRET,
      '--json',
      '--data',
      dir.path,
    ]);
    expect(sent.code).toBe(0);
    const signature = String(server.hits[0].headers['x-webhook-signature']);
    expect(verifyTimestamped(server.hits[0].body, signature, SECRET, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyPlain(server.hits[0].body, signature, SECRET)).toBe(false);

    const bad = await runCli([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      server.url,
      '--secret',
      SECRET,
      '--form',
      'loose',
      '--data',
      dir.path,
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('no signature form "loose"');
    expect(bad.stderr).not.toMatch(/\n\s+at /); // no stack
    const badMode = await runCli([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      server.url,
      '--timestamps',
      'later',
      '--data',
      dir.path,
    ]);
    expect(badMode.code).not.toBe(0);
    expect(badMode.stderr).toContain('--timestamps must be real or provider');
    expect(server.hits).toHaveLength(1);
  });
});

describe('hookscope delivery: what the handler answered', () => {
  it('a handler answering 401 bad signature: the status, headers and body are printed (inert) and in --json', async () => {
    const server = await handler(401, 'bad signature\u001b]0;pwned\u0007', {
      'content-type': 'text/plain',
      'x-reason': 'sig',
    });
    const sent = await runCli([
      'send',
      '--provider',
      'fingerprintiq',
      '--event',
      'visit.new',
      '--url',
      server.url,
      '--secret',
      'fiq',
      '--speed',
      '1000000',
      '--data',
      dir.path,
    ]);
    expect(sent.code).toBe(1);
    const [latest] = await cliJson<{ id: number; status: string }[]>(['deliveries', '--data', dir.path]);
    expect(latest.status).toBe('failed');

    const shown = await runCli(['delivery', String(latest.id), '--data', dir.path]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('attempt 1: response 401 (23 bytes)');
    expect(shown.stdout).toContain('x-reason: sig');
    expect(shown.stdout).toContain('bad signature\\x1b]0;pwned\\x07');
    expect(shown.stdout).not.toContain('\u001b');
    expect(shown.stdout).not.toContain('\u0007');

    const json = await cliJson<{ attempts: JsonAttempt[] }>(['delivery', String(latest.id), '--data', dir.path]);
    expect(json.attempts).toHaveLength(4);
    const first = json.attempts[0].response!;
    expect(first).toMatchObject({
      status: 401,
      body: 'bad signature\u001b]0;pwned\u0007',
      keptSize: 23,
      size: 23,
      truncated: false,
    });
    expect(first.headers).toContainEqual(['x-reason', 'sig']);
  });

  it('a 1 MiB response: the first 64 KiB are kept, with the full size', async () => {
    const big = Buffer.alloc(1024 * 1024, 'a');
    const server = await handler(200, big);
    const sent = await cliJson<{ deliveryId: number; attempts: { responseSize: number }[] }>([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      server.url,
      '--secret',
      SECRET,
      '--data',
      dir.path,
    ]);
    expect(sent.attempts[0].responseSize).toBe(1024 * 1024);
    const json = await cliJson<{ attempts: JsonAttempt[] }>(['delivery', String(sent.deliveryId), '--data', dir.path]);
    const response = json.attempts[0].response!;
    expect(response).toMatchObject({ status: 200, keptSize: 64 * 1024, size: 1024 * 1024, truncated: true });
    expect(Buffer.from(response.bodyBase64, 'base64')).toEqual(big.subarray(0, 64 * 1024));
    const shown = await runCli(['delivery', String(sent.deliveryId), '--data', dir.path]);
    expect(shown.stdout).toContain(`attempt 1: response 200 (${1024 * 1024} bytes, the first ${64 * 1024} kept)`);
  });
});
