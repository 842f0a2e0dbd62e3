import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket as Socket } from 'ws';
import { createApp } from '../../src/core/app';
import { captureRow } from '../helpers/capture-row';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * Captures another process writes into the data folder of a running serve
 * (what `hookscope import` does beside it) reach the open UI's event socket as
 * `captures.added`, as the serve's own captures do; the serve's own are not
 * told twice.
 */

const folder = tempDir();
const dataDir = join(folder.path, 'data');
let serve: ServeProcess;
let socket: Socket;
const added: number[] = [];

beforeAll(async () => {
  serve = await startServeProcess(dataDir);
  const { WebSocket } = await import('ws');
  socket = new WebSocket(`ws://127.0.0.1:${new URL(serve.info.uiUrl).port}/api/events`, [
    'hookscope.events',
    `hookscope.token.${serve.info.token}`,
  ]);
  await new Promise((r) => socket.on('open', r));
  socket.on('message', (d) => {
    const m = JSON.parse(String(d)) as { event: string; payload: { id: number }[] };
    if (m.event === 'captures.added') added.push(...m.payload.map((c) => c.id));
  });
}, 60_000);

afterAll(async () => {
  socket?.close();
  serve.child.kill('SIGTERM');
  await serve.exited;
  folder.remove();
});

async function until(check: () => boolean, what: string): Promise<void> {
  await expect.poll(check, { timeout: 20_000, interval: 100, message: what }).toBe(true);
}

describe('captures written by another process beside a running serve', () => {
  it("are sent to the UI as added, once each, beside the serve's own", async () => {
    // The serve's own capture first: told at once, by the capture path.
    const res = await fetch(`${serve.info.captureUrl}own/one`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(200);
    await until(() => added.length === 1, "the serve's own capture");
    const ownId = added[0];

    // Another process (this test's own connection) inserts 3 rows, as an import does.
    const other = createApp({ dataDir });
    const ids = other.captures.insertMany([1, 2, 3].map((i) => captureRow(`/imported/${i}`, `{"i":${i}}`)));
    await other.close();
    await until(() => ids.every((id) => added.includes(id)), 'the imported captures, told as added');
    expect(added.filter((id) => id === ownId)).toHaveLength(1);
    expect([...added.slice(1)].sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
  }, 60_000);
});
