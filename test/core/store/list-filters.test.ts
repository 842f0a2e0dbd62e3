import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { createAnalysisRepo } from '../../../src/core/store/analysis';
import { filterWhere } from '../../../src/core/store/capture-filter';
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

describe('capture list filtered by provider and event type', () => {
  /** Captures with these (provider, event type) verdicts, oldest first; their ids. */
  function withVerdicts(app: App, verdicts: [string, string | null][]): number[] {
    const ids = app.captures.insertMany(verdicts.map(() => row('POST')));
    createAnalysisRepo(app.db, (id) => app.captures.get(id)).save(
      ids.map((id, i) => ({
        id,
        provider: verdicts[i][0],
        eventType: verdicts[i][1],
        signatureStatus: 'valid',
        signature: null,
      })),
      ids[ids.length - 1],
    );
    return ids;
  }

  it('matches a prefix in any case, with LIKE wildcards taken literally, exactly as deletion counts it', () => {
    const app = openApp();
    const verdicts: [string, string | null][] = [
      ['shopify', 'orders/cancelled'],
      ['shopify', 'orders/create'],
      ['shopify', 'Orders/Cancelled_late'],
      ['shopify', 'products/update'],
      ['github', 'orders/cancelled'],
      ['shopify', null],
      ['shopify', 'orders/cancelled'],
      ['shopify', 'ordersXcancelled'],
      ['shopify', 'orders/cancelled%x'],
    ];
    const ids = withVerdicts(app, verdicts);
    const cases = [
      { provider: 'shopify', eventType: 'orders/cancelled' },
      { provider: 'Shopify', eventType: 'ORDERS/' },
      { provider: 'shopify', eventType: 'orders_' },
      { provider: 'shopify', eventType: 'orders/cancelled%' },
      { provider: 'shopify', eventType: 'nothing.like.it' },
      { provider: 'stripe', eventType: 'orders' },
    ];
    const expected = [[8, 6, 2, 0], [8, 6, 2, 1, 0], [], [8], [], []];
    cases.forEach((filter, k) => {
      const want = expected[k].map((i) => ids[i]);
      expect(app.captures.list(filter).map((c) => c.id)).toEqual(want);
      // Deletion counts with the LIKE itself: the list and "delete what it shows" agree.
      const { where, args } = filterWhere(filter);
      const counted = app.db
        .prepare(
          `SELECT count(*) AS n FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE ${where.join(' AND ')}`,
        )
        .get(...args) as { n: number };
      expect(counted.n).toBe(want.length);
    });
    expect(app.captures.list({ provider: 'shopify', eventType: 'orders/', limit: 2 }).map((c) => c.id)).toEqual([
      ids[8],
      ids[6],
    ]);
    expect(app.captures.list({ provider: 'shopify', eventType: 'orders/', beforeId: ids[6] }).map((c) => c.id)).toEqual(
      [ids[2], ids[1], ids[0]],
    );
  });

  it('walks the provider index in id order for one event type, where the LIKE sorted every capture of the provider', () => {
    const app = openApp();
    const list = `SELECT c.id FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE %s ORDER BY c.id DESC LIMIT 50`;
    const one = filterWhere({ provider: 'shopify', eventTypes: ['orders/cancelled'] });
    const onePlan = plan(app, list.replace('%s', one.where.join(' AND ')), ...one.args);
    expect(onePlan).toMatch(/captures_by_provider \(provider=\? AND event_type=\?\)/);
    expect(onePlan).not.toMatch(/TEMP B-TREE/);
    const like = filterWhere({ provider: 'shopify', eventType: 'orders/cancelled' });
    expect(plan(app, list.replace('%s', like.where.join(' AND ')), ...like.args)).toMatch(/TEMP B-TREE FOR ORDER BY/);
  });
});
