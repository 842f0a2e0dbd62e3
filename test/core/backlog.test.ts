import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/core/app';
import { callApi, createApiHandlers } from '../../src/core/api';
import type { NewCapture } from '../../src/core/store/captures';
import { tempDir } from '../helpers/temp-dir';

let app: App;
let dir: { path: string; remove(): void };

function row(i: number): NewCapture {
  const body = Buffer.from(`{"n":${i}}`);
  return {
    endpointId: 1,
    receivedAt: Date.now(),
    method: 'POST',
    url: 'http://h/b',
    path: '/b',
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [],
    body,
    bodySize: body.length,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}

beforeEach(() => {
  dir = tempDir();
  app = createApp({ dataDir: dir.path });
});
afterEach(async () => {
  await app.close();
  dir.remove();
});

describe('app.backlog', () => {
  it('counts captures without a verdict and captures not yet indexed, down to zero once the background catches up', async () => {
    const handlers = createApiHandlers(app, { version: 't', captureUrl: () => null });
    expect(await callApi(handlers, 'app.backlog', {})).toEqual({ verdictsPending: 0, indexPending: 0 });
    app.captures.insertMany(Array.from({ length: 37 }, (_, i) => row(i)));
    expect(await callApi(handlers, 'app.backlog', {})).toEqual({ verdictsPending: 37, indexPending: 37 });
    // The UI's call is interactive: the background stands aside just after it.
    expect(app.interactive.busy()).toBe(true);
    app.drainBackground();
    expect(await callApi(handlers, 'app.backlog', {})).toEqual({ verdictsPending: 0, indexPending: 0 });
  });

  it('refuses arguments it does not take', async () => {
    const handlers = createApiHandlers(app, { version: 't', captureUrl: () => null });
    await expect(callApi(handlers, 'app.backlog', { x: 1 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
