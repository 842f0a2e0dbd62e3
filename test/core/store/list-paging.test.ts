/** The capture list's paging towards newer captures, time bounds and id sets, in the store and through the API's captures.list. */
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { callApi, createApiHandlers } from '../../../src/core/api';
import type { NewCapture } from '../../../src/core/store/captures';
import type { CaptureSummary } from '../../../src/shared/capture-types';
import { tempDir } from '../../helpers/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function openApp(): App {
  const dir = tempDir();
  const app = createApp({ dataDir: dir.path });
  cleanups.push(
    () => dir.remove(),
    () => app.close(),
  );
  return app;
}

const T0 = Date.parse('2026-05-01T00:00:00Z');

function row(receivedAt: number, body: string): NewCapture {
  const bytes = Buffer.from(body);
  return {
    endpointId: 1,
    receivedAt,
    method: 'POST',
    url: 'http://h/x',
    path: '/x',
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [['Content-Type', 'text/plain']],
    body: bytes,
    bodySize: bytes.length,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}

describe('capture list: --after, since/until and id sets', () => {
  it('afterId takes the captures just above it, listed newest first; with beforeId the range between', () => {
    const app = openApp();
    const ids = app.captures.insertMany(Array.from({ length: 10 }, (_, i) => row(T0 + i * 60_000, `row ${i}`)));
    const list = (f: Parameters<App['captures']['list']>[0]) => app.captures.list(f).map((c) => c.id);
    expect(list({ afterId: ids[2], limit: 3 })).toEqual([ids[5], ids[4], ids[3]]);
    expect(list({ afterId: ids[2], beforeId: ids[6] })).toEqual([ids[5], ids[4], ids[3]]);
    expect(list({ afterId: ids[9] })).toEqual([]);
    expect(list({ since: T0 + 5 * 60_000 })).toEqual(ids.slice(5).reverse());
    expect(list({ until: T0 + 2 * 60_000 })).toEqual([ids[1], ids[0]]);
    expect(list({ since: T0 + 60_000, until: T0 + 3 * 60_000 })).toEqual([ids[2], ids[1]]);
    expect(list({ ids: [ids[1], ids[7], 999_999] })).toEqual([ids[7], ids[1]]);
    expect(list({ ids: [] })).toEqual([]);
  });

  it('an id set larger than SQLite takes as separate parameters still works (one JSON parameter)', () => {
    const app = openApp();
    const ids = app.captures.insertMany(Array.from({ length: 5 }, (_, i) => row(T0 + i, `row ${i}`)));
    const many = [...Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i), ids[3]];
    expect(app.captures.list({ ids: many }).map((c) => c.id)).toEqual([ids[3]]);
  });

  it('captures.list over the API takes search, afterId, since and until, and refuses bad ones', async () => {
    const app = openApp();
    const ids = app.captures.insertMany([
      row(T0, 'a red fox'),
      row(T0 + 1000, 'a blue whale'),
      row(T0 + 2000, 'a red panda'),
    ]);
    app.drainBackground();
    const handlers = createApiHandlers(app, { version: 'test', captureUrl: () => null });
    const call = (args: unknown) => callApi(handlers, 'captures.list', args) as Promise<CaptureSummary[]>;
    expect((await call({ search: 'red' })).map((c) => c.id)).toEqual([ids[2], ids[0]]);
    expect((await call({ search: 'red', beforeId: ids[2] })).map((c) => c.id)).toEqual([ids[0]]);
    expect((await call({ search: 'red', since: T0 + 500 })).map((c) => c.id)).toEqual([ids[2]]);
    expect((await call({ afterId: ids[0], limit: 1 })).map((c) => c.id)).toEqual([ids[1]]);
    expect((await call({ until: T0 + 1000 })).map((c) => c.id)).toEqual([ids[0]]);
    expect((await call({ search: '   ' })).map((c) => c.id)).toEqual([ids[2], ids[1], ids[0]]);
    await expect(call({ afterId: -1 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(call({ since: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});
