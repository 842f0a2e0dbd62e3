import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliJson, runCli } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

let dir: { path: string; remove(): void };
let handler: ServeProcess;
let handlerDir: { path: string; remove(): void };

beforeAll(async () => {
  // The handler under test: another Hookscope capture server that always answers 500.
  handlerDir = tempDir();
  await runCli(['endpoint', 'create', 'down', '--status', '500', '--data', handlerDir.path]);
  handler = await startServeProcess(handlerDir.path);
  dir = tempDir();
});
afterAll(async () => {
  handler.child.kill('SIGTERM');
  await handler.exited;
  handlerDir.remove();
  dir.remove();
});

describe('a ladder survives the process that started it', () => {
  it('`serve` resumes the retries of a `send` killed mid-ladder, on schedule and none twice', async () => {
    // LRDefender: 6 attempts, waits 1 s, 5 s, 15 s, 60 s, 300 s; at 20x the last wait is 15 s real,
    // too long for a test, so the send is killed after its second attempt and serve finishes the ladder at 20x.
    const send = spawn(process.execPath, [
      BIN,
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      `${handler.info.captureUrl}down/x`,
      '--secret',
      'whsec_x',
      '--speed',
      '20',
      '--data',
      dir.path,
    ]);
    let out = '';
    await new Promise<void>((resolve) => {
      send.stdout.on('data', (d) => {
        out += d;
        if ((out.match(/^attempt \d+: 500/gm) ?? []).length >= 2) resolve();
      });
    });
    send.kill('SIGKILL');
    await new Promise((r) => send.on('exit', r));

    const [pending] = await cliJson<{ id: number; status: string; attemptCount: number }[]>([
      'deliveries',
      '--data',
      dir.path,
    ]);
    expect(pending.status).toBe('pending');

    // A serve on the same data folder picks the ladder up. Its speed is 1 by default, so the
    // remaining real waits would be long: the test speeds them by sending the next attempt now.
    const serve = await startServeProcess(dir.path);
    try {
      const call = async (method: string, args: unknown) => {
        const res = await fetch(`${new URL(serve.info.uiUrl).origin}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${serve.info.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
        return ((await res.json()) as { result: any }).result;
      };
      await call('sender.setSpeed', { speed: 100_000 });
      await call('deliveries.sendNextNow', { id: pending.id });
      let view: any;
      for (let i = 0; i < 100; i++) {
        view = await call('deliveries.get', { id: pending.id });
        if (view.result.status !== 'pending') break;
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(view.result.status).toBe('failed');
      const ns = view.result.attempts.map((a: { n: number }) => a.n);
      expect(ns).toEqual([1, 2, 3, 4, 5, 6]);
      expect(
        view.result.attempts.every(
          (a: { status: number | null; errorKind: string | null }) => a.status === 500 || a.errorKind === 'interrupted',
        ),
      ).toBe(true);
    } finally {
      serve.child.kill('SIGTERM');
      await serve.exited;
    }
    // The handler saw each attempt once at most: no attempt was sent twice.
    const captured = await cliJson<unknown[]>(['list', '--endpoint', 'down', '--data', handlerDir.path]);
    expect(captured.length).toBeLessThanOrEqual(6);
    expect(captured.length).toBeGreaterThanOrEqual(5);
  });
});
