/** `hookscope keypair` and the providers table: the key pair an asymmetric provider is played with, and every provider's scheme. */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS } from '../../src/core/providers';
import { cliJson, runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const dir = tempDir();
afterAll(() => dir.remove());

describe('keypair and the providers table', () => {
  it('keypair discord: what `sign` makes with the private key verifies with the printed public key (node:crypto)', async () => {
    const pair = await cliJson<{ algorithm: string; privateKey: string; publicKey: string; publicKeyPem: string }>([
      'keypair',
      'discord',
      '--json',
      '--data',
      dir.path,
    ]);
    expect(pair.algorithm).toBe('ed25519');
    expect(pair.publicKey).toMatch(/^[0-9a-f]{64}$/);
    const body = '{"type":1}';
    const out = await runCli(
      [
        'sign',
        '--provider',
        'discord',
        '--secret',
        pair.privateKey,
        '--timestamp',
        '1780000000',
        '--json',
        '--data',
        dir.path,
      ],
      body,
    );
    expect(out.code).toBe(0);
    const signed = JSON.parse(out.stdout) as { headers: [string, string][] };
    const sig = signed.headers.find(([k]) => k === 'X-Signature-Ed25519')![1];
    expect(
      verify(null, Buffer.from(`1780000000${body}`), createPublicKey(pair.publicKeyPem), Buffer.from(sig, 'hex')),
    ).toBe(true);
    expect(
      verify(null, Buffer.from(`1780000001${body}`), createPublicKey(pair.publicKeyPem), Buffer.from(sig, 'hex')),
    ).toBe(false);
  });

  it('keypair plaid: an ES256 key pair whose public key is a JWK; `sign` makes a Plaid-Verification JWT it verifies', async () => {
    const pair = await cliJson<{ algorithm: string; privateKey: string; publicKey: string }>([
      'keypair',
      'plaid',
      '--json',
      '--data',
      dir.path,
    ]);
    expect(pair.algorithm).toBe('jwt-es256');
    const jwk = JSON.parse(pair.publicKey) as Record<string, string>;
    expect(jwk).toMatchObject({ alg: 'ES256', crv: 'P-256', kty: 'EC', use: 'sig' });
    const body = '{"webhook_type":"ITEM","webhook_code":"ERROR","item_id":"i"}';
    const out = await runCli(
      [
        'sign',
        '--provider',
        'plaid',
        '--secret',
        pair.privateKey,
        '--timestamp',
        '1780000000',
        '--json',
        '--data',
        dir.path,
      ],
      body,
    );
    expect(out.code).toBe(0);
    const token = (JSON.parse(out.stdout) as { headers: [string, string][] }).headers.find(
      ([k]) => k === 'Plaid-Verification',
    )![1];
    const [head, claims, signature] = token.split('.');
    expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({ alg: 'ES256', kid: jwk.kid, typ: 'JWT' });
    const key = { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' as const };
    const signed = Buffer.from(`${head}.${claims}`);
    expect(verify('sha256', signed, key, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(claims, 'base64url').toString())).toEqual({
      iat: 1780000000,
      request_body_sha256: createHash('sha256').update(body).digest('hex'),
    });
  });

  it('keypair --secret prints the public key of the pair a simulated webhook secret stands for, the same every time', async () => {
    const a = await cliJson<{ publicKey: string; privateKey?: string }>([
      'keypair',
      'discord',
      '--secret',
      'hs_webhook_1',
      '--json',
      '--data',
      dir.path,
    ]);
    const b = await cliJson<{ publicKey: string }>([
      'keypair',
      'discord',
      '--secret',
      'hs_webhook_1',
      '--json',
      '--data',
      dir.path,
    ]);
    expect(a.publicKey).toBe(b.publicKey);
    expect(a.privateKey).toBeUndefined();
  });

  it('keypair for an HMAC provider is refused with one line and BAD_INPUT', async () => {
    const out = await runCli(['keypair', 'stripe', '--data', dir.path]);
    expect(out.code).toBe(2);
    expect(out.stderr.trim().split('\n')).toEqual([expect.stringMatching(/shared secret.*\[BAD_INPUT\]$/)]);
  });

  it('providers: one table row per provider with its scheme and event count, and the totals', async () => {
    const out = await runCli(['providers', '--data', dir.path]);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/ID\s+NAME\s+KIND\s+SIGNATURE\s+SCHEME\s+EVENTS/);
    for (const p of BUILTIN_PROVIDERS) {
      const row = lines.find((l) => l.startsWith(`${p.id} `));
      expect(row, p.id).toMatch(
        new RegExp(`${p.signature.forms[0].algorithm} ${p.signature.forms[0].digest}.*\\s${p.events.length}\\s`),
      );
    }
    const total = BUILTIN_PROVIDERS.reduce((n, p) => n + p.events.length, 0);
    expect(lines.at(-1)).toBe(`${BUILTIN_PROVIDERS.length} providers, ${total} event types`);
  });
});

describe('send for an asymmetric provider', () => {
  it('prints the public key the handler needs; it is the one keypair --secret gives', async () => {
    const sink = await import('node:http').then(({ createServer }) => {
      // PING is Discord's handshake: the handler answers PONG.
      const server = createServer((_req, res) => res.end('{"type":1}'));
      return new Promise<{ url: string; close(): void }>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve({
            url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
            close: () => server.close(),
          }),
        ),
      );
    });
    try {
      const sent = await cliJson<{ publicKey: string; status: string }>([
        'send',
        '--provider',
        'discord',
        '--event',
        'PING',
        '--url',
        sink.url,
        '--secret',
        'hs_cli_send',
        '--json',
        '--data',
        dir.path,
      ]);
      const pair = await cliJson<{ publicKey: string }>([
        'keypair',
        'discord',
        '--secret',
        'hs_cli_send',
        '--json',
        '--data',
        dir.path,
      ]);
      expect(sent.publicKey).toBe(pair.publicKey);
      const stripe = await cliJson<Record<string, unknown>>([
        'send',
        '--provider',
        'stripe',
        '--event',
        'payment_intent.succeeded',
        '--url',
        sink.url,
        '--secret',
        'whsec_x',
        '--json',
        '--data',
        dir.path,
      ]);
      expect(stripe).not.toHaveProperty('publicKey');
    } finally {
      sink.close();
    }
  });
});
