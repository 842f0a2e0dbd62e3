/**
 * Handshakes from the real `hookscope` command: `send --event` plays one
 * against a real handler on 127.0.0.1:0 and says what was wrong;
 * `providers` marks the providers that have one.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryResult } from '../../src/shared/delivery-types';
import type { ProviderDefinition } from '../../src/shared/providers';
import { runCli } from '../helpers/cli';
import { startSink, type Sink } from '../helpers/sink-server';
import { tempDir } from '../helpers/temp-dir';

const SECRET = 'zoom_cli_secret_0d1e';
let dir: { path: string; remove(): void };
let right: Sink;
let wrong: Sink;

function token(body: Buffer): string {
  return (JSON.parse(body.toString('utf8')) as { payload: { plainToken: string } }).payload.plainToken;
}

beforeAll(async () => {
  dir = tempDir();
  right = await startSink((hit, res) => {
    const plainToken = token(hit.body);
    const encryptedToken = createHmac('sha256', SECRET).update(plainToken).digest('hex');
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ plainToken, encryptedToken }));
  });
  // Answers with the token unhashed, and a terminal escape in the body: quoted inert, never raw.
  wrong = await startSink((hit, res) =>
    res.writeHead(200).end(JSON.stringify({ plainToken: token(hit.body), encryptedToken: '\u001b[2Jx' })),
  );
});
afterAll(async () => {
  await right.close();
  await wrong.close();
  dir.remove();
});

const send = (url: string, json: boolean) =>
  runCli([
    'send',
    '--provider',
    'zoom',
    '--event',
    'endpoint.url_validation',
    '--url',
    `${url}/hook`,
    '--secret',
    SECRET,
    '--data',
    dir.path,
    ...(json ? ['--json'] : []),
  ]);

describe('hookscope send --provider zoom --event endpoint.url_validation', () => {
  it('is delivered when the handler answers {plainToken, encryptedToken} right', async () => {
    const r = await send(right.url, true);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as DeliveryResult;
    expect(result).toMatchObject({ status: 'delivered', eventType: 'endpoint.url_validation' });
    expect(result.attempts).toHaveLength(1);
    expect(right.hits).toHaveLength(1);
  });

  it('fails after one attempt when the answer is wrong, saying what and the value expected', async () => {
    const r = await send(wrong.url, false);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('attempt 1: wrong handshake answer: answered 200 but encryptedToken was "\\u001b[2Jx"');
    expect(r.stdout).toMatch(/encryptedToken = hex HMAC-SHA256\(secret, payload\.plainToken\) = "[0-9a-f]{64}"/);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).toContain('delivery 2: failed');
    expect(wrong.hits).toHaveLength(1);

    const j = await send(wrong.url, true);
    const result = JSON.parse(j.stdout) as DeliveryResult;
    expect(result.attempts).toHaveLength(1);
    expect(result.attempts[0]).toMatchObject({ status: 200, errorKind: 'handshake' });
    expect(result.attempts[0].handshakeProblem).toContain('Zoom expects status 200 with a JSON body');

    // `delivery ID` says the same under the attempt's response, inert.
    const shown = await runCli(['delivery', '2', '--data', dir.path]);
    expect(shown.stdout).toContain('attempt 1: response 200');
    expect(shown.stdout).toContain('  wrong handshake answer: answered 200 but encryptedToken was "\\u001b[2Jx"');
    expect(shown.stdout).not.toContain('\u001b');
  });
});

describe('hookscope providers', () => {
  it('shows which providers have a handshake, and the answer expected in `providers ID`', async () => {
    const table = await runCli(['providers', '--data', dir.path]);
    expect(table.code).toBe(0);
    const header = table.stdout.split('\n')[0];
    expect(header).toMatch(/EVENTS\s+HANDSHAKE\s+TIMEOUT/);
    const row = (id: string) => table.stdout.split('\n').find((l) => l.startsWith(`${id} `)) ?? '';
    expect(row('zoom')).toContain('endpoint.url_validation');
    expect(row('twitch')).toContain('webhook_callback_verification');
    expect(row('asana')).toContain('handshake');
    expect(row('dropbox')).toContain('verification');
    expect(row('slack')).toContain('url_verification');
    expect(row('stripe')).not.toMatch(/verification|handshake/);

    const json = JSON.parse((await runCli(['providers', '--data', dir.path, '--json'])).stdout) as ProviderDefinition[];
    const dropbox = json.find((p) => p.id === 'dropbox')!;
    expect(dropbox.events.find((e) => e.type === 'verification')?.handshake?.request).toMatchObject({
      method: 'GET',
      signed: false,
    });

    const detail = await runCli(['providers', 'asana', '--data', dir.path]);
    expect(detail.stdout).toContain('[handshake]');
    expect(detail.stdout).toContain('answer: status 200 or 204 with the same X-Hook-Secret header as the request');
  });
});
