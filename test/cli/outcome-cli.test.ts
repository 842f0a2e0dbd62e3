/**
 * `retry` and `replay` say how a request ended (the error kind beside the
 * status) and, with --show-body, what the handler answered; real handlers on
 * 127.0.0.1, the real CLI.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/core/app';
import { runCli } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { sendRaw, startTarget, type Target } from '../core/replay/support';

vi.setConfig({ testTimeout: 120_000 });

let dir: { path: string; remove(): void };
const data = () => ['--data', dir.path];
let refusing: Target;
let gone: string;
let captureId: number;

beforeAll(async () => {
  dir = tempDir();
  // A handler that refuses with a body holding an escape sequence (outside data, printed inert).
  refusing = await startTarget((_hit, res) =>
    res.writeHead(401, { 'Content-Type': 'text/plain' }).end('bad signature\n\x1b[31mred\x1b[0m'),
  );
  const closed = await startTarget();
  gone = closed.url;
  await closed.close();
  const app = createApp({ dataDir: dir.path });
  try {
    const { port } = await app.startCapture(0, '127.0.0.1');
    captureId = (
      await sendRaw(port, { path: '/default/hook', headers: [['Content-Type', 'application/json']], body: '{"a":1}' })
    ).id;
    app.drainBackground();
  } finally {
    await app.close();
  }
});
afterAll(async () => {
  await refusing.close();
  dir.remove();
});

describe('hookscope replay: the error kind and --show-body', () => {
  it('a 401 is named a failure with its kind; --show-body prints the answer, inert', async () => {
    const plain = await runCli(['replay', String(captureId), '--url', `${refusing.url}/in`, ...data()]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toMatch(
      new RegExp(
        `^replay \\d+ of capture ${captureId}: POST ${refusing.url}/in -> 401 \\(failed: status\\) in \\d+ ms\\n$`,
      ),
    );
    const shown = await runCli(['replay', String(captureId), '--url', `${refusing.url}/in`, '--show-body', ...data()]);
    expect(shown.code).toBe(1);
    expect(shown.stdout).toMatch(
      /-> 401 \(failed: status\) in \d+ ms\nresponse body \(26 B\):\nbad signature\n\\x1b\[31mred\\x1b\[0m\n$/,
    );
    expect(shown.stdout).not.toContain('\x1b');
  });

  it('no answer at all: the kind and its message, and --show-body says there was no response', async () => {
    const r = await runCli(['replay', String(captureId), '--url', `${gone}/in`, '--show-body', ...data()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/-> connection-refused \(.+\) in \d+ ms\nno response \(connection-refused\)\n$/);
  });

  it('--show-body with several ids is refused (it prints one answer)', async () => {
    const r = await runCli([
      'replay',
      String(captureId),
      String(captureId),
      '--url',
      refusing.url,
      '--show-body',
      ...data(),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--show-body prints one replay's answer; give a single id/);
  });
});

describe('hookscope retry: the error kind and --show-body', () => {
  it("a failed delivery retried prints its last attempt's kind, and with --show-body the handler's body", async () => {
    const sent = await runCli([
      'send',
      '--provider',
      'prynt',
      '--event',
      'verdict.block',
      '--url',
      `${refusing.url}/hook`,
      '--secret',
      'whsec_retry',
      '--speed',
      '10000000',
      '--json',
      ...data(),
    ]);
    expect(sent.code).toBe(1);
    const { deliveryId, status } = JSON.parse(sent.stdout) as { deliveryId: number; status: string };
    expect(status).toBe('failed');
    const plain = await runCli(['retry', String(deliveryId), ...data()]);
    expect(plain.code).toBe(1);
    expect(plain.stdout).toMatch(
      new RegExp(
        `^delivery ${deliveryId}: failed( \\([a-z-]+\\))?; last attempt \\d+: status 401 is not a success\\n$`,
      ),
    );
    const shown = await runCli(['retry', String(deliveryId), '--show-body', ...data()]);
    expect(shown.stdout).toMatch(
      /; last attempt \d+: status 401 is not a success\nattempt \d+ response body \(26 B\):\nbad signature\n\\x1b\[31mred\\x1b\[0m\n$/,
    );
  });

  it('a delivery that never got an answer names the kind and its message', async () => {
    const sent = await runCli([
      'send',
      '--provider',
      'prynt',
      '--event',
      'verdict.block',
      '--url',
      `${gone}/hook`,
      '--secret',
      'whsec_retry',
      '--speed',
      '10000000',
      '--json',
      ...data(),
    ]);
    const { deliveryId } = JSON.parse(sent.stdout) as { deliveryId: number };
    const r = await runCli(['retry', String(deliveryId), '--show-body', ...data()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^delivery ${deliveryId}: failed.*; last attempt \\d+: connection-refused \\(.+\\)\\nattempt \\d+: no response \\(connection-refused\\)\\n$`,
      ),
    );
  });
});
