import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { createAnalysisRepo } from '../../../src/core/store/analysis';
import type { NewCapture } from '../../../src/core/store/captures';
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

function row(method: string, body = '{}'): NewCapture {
  const bytes = Buffer.from(body);
  return {
    endpointId: 1,
    receivedAt: Date.now(),
    method,
    url: 'http://h/x',
    path: '/x',
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [],
    body: bytes,
    bodySize: bytes.length,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}

const plan = (app: App, sql: string, ...args: unknown[]) =>
  (app.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');

describe('capture list filters by method and signature status', () => {
  it('find the same rows as before, newest first, for rare and common values alike', () => {
    const app = openApp();
    const methods = ['POST', 'POST', 'PUT', 'POST', 'get', 'PATCH', 'POST', 'PUT', 'DELETE', 'POST'];
    const ids = app.captures.insertMany(methods.map((m) => row(m)));
    const expectIds = (pred: (i: number) => boolean) => ids.filter((_, i) => pred(i)).reverse();
    expect(app.captures.list({ method: 'put' }).map((c) => c.id)).toEqual(expectIds((i) => methods[i] === 'PUT'));
    expect(app.captures.list({ method: 'POST' }).map((c) => c.id)).toEqual(expectIds((i) => methods[i] === 'POST'));
    expect(app.captures.list({ method: 'get' }).map((c) => c.id)).toEqual([]); // stored as received: "get" is not GET
    expect(app.captures.list({ method: 'OPTIONS' })).toEqual([]);
    expect(app.captures.list({ method: 'PUT', limit: 1 }).map((c) => c.id)).toEqual([ids[7]]);
    expect(app.captures.list({ method: 'PUT', beforeId: ids[7] }).map((c) => c.id)).toEqual([ids[2]]);

    // Verdicts as the background analysis stores them.
    const verdicts = ['valid', 'invalid', 'valid', 'missing', 'valid', 'invalid', 'valid', 'valid', 'stale', 'valid'];
    createAnalysisRepo(app.db, (id) => app.captures.get(id)).save(
      ids.map((id, i) => ({
        id,
        provider: 'stripe',
        eventType: 'invoice.paid',
        signatureStatus: verdicts[i],
        signature: null,
      })),
      ids[ids.length - 1],
    );
    expect(app.captures.list({ signatureStatus: 'invalid' }).map((c) => c.id)).toEqual(
      expectIds((i) => verdicts[i] === 'invalid'),
    );
    expect(app.captures.list({ signatureStatus: 'valid', method: 'POST' }).map((c) => c.id)).toEqual(
      expectIds((i) => verdicts[i] === 'valid' && methods[i] === 'POST'),
    );
    expect(app.captures.list({ signatureStatus: 'no-such-status' })).toEqual([]);
  });

  it('use an index instead of a scan of every capture (migration 009)', () => {
    const app = openApp();
    const list = `SELECT c.id FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE %s ORDER BY c.id DESC LIMIT 50`;
    expect(plan(app, list.replace('%s', `c.method = ? AND c.method <> 'POST'`), 'PUT')).toMatch(
      /captures_by_rare_method/,
    );
    expect(plan(app, list.replace('%s', 'c.signature_status = ?'), 'invalid')).toMatch(/captures_by_signature/);
    // POST captures take no entry in the method index: the capture path pays nothing for it.
    app.captures.insertMany([row('POST'), row('POST'), row('PUT')]);
    expect(
      app.db
        .prepare(`SELECT count(*) AS n FROM captures INDEXED BY captures_by_rare_method WHERE method <> 'POST'`)
        .get(),
    ).toEqual({ n: 1 });
  });
});
