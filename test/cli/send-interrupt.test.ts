// `hookscope send` never leaves a delivery stranded: Ctrl-C (SIGINT) mid-ladder
// hands it to a running `serve` at once, or pauses it for `serve` or `retry`;
// --detach hands it over without running it. Real child processes, a real
// handler on 127.0.0.1 counting what it receives.
import { spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cliJson, runCli } from '../helpers/cli';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { startServer, type TestServer } from '../core/sender/support/servers';
import { waitFor } from '../helpers/wait';

let handler: TestServer;
const dirs: { path: string; remove(): void }[] = [];
const serves: ServeProcess[] = [];
beforeAll(async () => {
  // Answers 500 on /hook (so Prynt's ladder runs: 3 attempts, waits 5 min and 30 min), 200 on /ok.
  handler = await startServer((req, res) =>
    res.writeHead(req.url === '/ok' ? 200 : 500).end(req.url === '/ok' ? 'ok' : 'down'),
  );
});
afterAll(async () => {
  await handler.close();
});
afterEach(async () => {
  for (const s of serves.splice(0)) {
    s.child.kill('SIGTERM');
    await s.exited;
  }
  for (const d of dirs.splice(0)) d.remove();
  handler.hits.length = 0;
});

function data(): string {
  const d = tempDir();
  dirs.push(d);
  return d.path;
}

async function serve(dir: string): Promise<ServeProcess & { call(method: string, args: unknown): Promise<any> }> {
  const s = await startServeProcess(dir);
  serves.push(s);
  const call = async (method: string, args: unknown) => {
    const res = await fetch(`${new URL(s.info.uiUrl).origin}/api/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.info.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    return ((await res.json()) as { result: any }).result;
  };
  return Object.assign(s, { call });
}

/** Starts `hookscope send` (Prynt, at 1x: a 5 min wait after attempt 1) and interrupts it with SIGINT once it says it waits. */
async function sendAndInterrupt(dir: string): Promise<{ code: number | null; stdout: string }> {
  const child = spawn(process.execPath, [
    BIN,
    'send',
    '--provider',
    'prynt',
    '--event',
    'verdict.allow',
    '--url',
    `${handler.url}`,
    '--secret',
    'whsec_x',
    '--data',
    dir,
  ]);
  let stdout = '';
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (/^attempt 2 in 5 min provider time, at \d\d:\d\d:\d\d$/m.test(stdout)) resolve();
    });
    child.on('exit', () => reject(new Error(`send exited early: ${stdout}`)));
  });
  child.kill('SIGINT');
  const code = await exited;
  return { code, stdout };
}

describe('send interrupted mid-ladder', () => {
  it('with serve running: handed over at once, serve sends the rest, each attempt exactly once', async () => {
    const dir = data();
    const s = await serve(dir);
    // The remaining waits (5 min, 30 min of provider time) at serve's speed: milliseconds.
    await s.call('sender.setSpeed', { speed: 100_000 });
    const sent = await sendAndInterrupt(dir);
    expect(sent.code).toBe(130);
    expect(sent.stdout).toMatch(/^delivery 1: handed over to the running sender \(hookscope serve\)/m);

    const view = await waitFor(
      'delivery 1 to settle',
      async () => {
        const v = await s.call('deliveries.get', { id: 1 });
        return v.result.status !== 'pending' && v;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(view.result.status).toBe('failed');
    expect(view.result.attempts.map((a: { n: number; status: number }) => [a.n, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    // The handler received three requests: attempt 1 from send, 2 and 3 from serve; none twice.
    expect(handler.hits).toHaveLength(3);
    expect(new Set(handler.hits.map((h) => h.headers['x-prynt-delivery'])).size).toBe(1);
  });

  it('with no serve running: paused; `retry` resumes it, and so does a serve started later', async () => {
    const dir = data();
    const first = await sendAndInterrupt(dir);
    expect(first.code).toBe(130);
    expect(first.stdout).toContain('delivery 1: paused; no running sender took it over');
    const second = await sendAndInterrupt(dir);
    expect(second.stdout).toContain('delivery 2: paused');
    const listed = await cliJson<{ id: number; status: string }[]>(['deliveries', '--data', dir]);
    expect(listed.map((d) => [d.id, d.status])).toEqual([
      [2, 'paused'],
      [1, 'paused'],
    ]);
    expect(handler.hits).toHaveLength(2);

    const retried = await runCli(['retry', '1', '--speed', '1000000', '--json', '--data', dir]);
    const result = JSON.parse(retried.stdout) as { status: string; attempts: { n: number; status: number }[] };
    expect(result.status).toBe('failed');
    expect(result.attempts.map((a) => [a.n, a.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ]);
    expect(handler.hits).toHaveLength(4);

    const s = await serve(dir);
    const resumed = await s.call('deliveries.get', { id: 2 });
    expect(resumed.result.status).toBe('pending'); // taken over when serve started
    await s.call('sender.setSpeed', { speed: 100_000 });
    const view = await waitFor(
      'delivery 2 to settle',
      async () => {
        const v = await s.call('deliveries.get', { id: 2 });
        return v.result.status !== 'pending' && v;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(view.result.attempts.map((a: { n: number }) => a.n)).toEqual([1, 2, 3]);
    expect(handler.hits).toHaveLength(6);
  });
});

describe('send --detach', () => {
  it('exits at once with the delivery id, and the running serve delivers it', async () => {
    const dir = data();
    const s = await serve(dir);
    const detached = await runCli([
      'send',
      '--provider',
      'lrdefender',
      '--event',
      'device.new',
      '--url',
      `${new URL(handler.url).origin}/ok`,
      '--secret',
      'whsec_x',
      '--detach',
      '--json',
      '--data',
      dir,
    ]);
    expect(detached.code).toBe(0);
    const out = JSON.parse(detached.stdout) as { deliveryId: number; status: string };
    expect(out).toMatchObject({ deliveryId: 1, status: 'paused' });
    const view = await waitFor(
      'delivery 1 to settle',
      async () => {
        const v = await s.call('deliveries.get', { id: 1 });
        return v.result.status === 'delivered' && v;
      },
      { timeout: 30_000, interval: 100 },
    );
    expect(view.result.attempts).toHaveLength(1);
    expect(handler.hits.filter((h) => h.method === 'POST')).toHaveLength(1);
  });
});
