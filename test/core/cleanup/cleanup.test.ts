import { statSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { createAnalysisRepo } from '../../../src/core/store/analysis';
import type { NewCapture } from '../../../src/core/store/captures';
import { databasePath } from '../../../src/core/paths';
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

function row(endpointId: number, path: string, body = `{"word":"zebra${path.replace(/\W/g, '')}"}`): NewCapture {
  const bytes = Buffer.from(body);
  return {
    endpointId,
    receivedAt: Date.now(),
    method: 'POST',
    url: `http://h${path}`,
    path,
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [['Content-Type', 'application/json']],
    body: bytes,
    bodySize: bytes.length,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}

/** Runs the background's cleanup steps the way it would: small slices until nothing is left; returns the slices. */
function runCleanup(app: App, max: number): number[] {
  const slices: number[] = [];
  for (let n = app.cleanup.run(max); n > 0; n = app.cleanup.run(max)) slices.push(n);
  return slices;
}

describe('deleting captures', () => {
  it('takes given ids, counted at once and deleted in bounded slices, with their search entries', () => {
    const app = openApp();
    const a = app.endpoints.create('a');
    const ids = app.captures.insertMany(Array.from({ length: 30 }, (_, i) => row(a.id, `/a/${i}`)));
    app.drainBackground();
    expect(app.search.search('zebraa3')).toEqual([ids[3]]);
    const deleted: number[] = [];
    app.events.subscribe((event, payload) => {
      if (event === 'captures.deleted') deleted.push(...(payload as number[]));
    });
    const gone = ids.slice(0, 25);
    expect(app.cleanup.deleteCaptures({ ids: [...gone, 999_999] })).toEqual({ count: 25 });
    expect(app.cleanup.pending()).toBe(25);
    const slices = runCleanup(app, 10);
    expect(slices).toEqual([10, 10, 5]);
    expect(deleted.sort((x, y) => x - y)).toEqual(gone);
    expect(app.captures.list({ limit: 100 }).map((c) => c.id)).toEqual(ids.slice(25).reverse());
    expect(app.search.search('zebraa3')).toEqual([]);
    expect(app.search.search('zebraa27')).toEqual([ids[27]]);
    expect(app.cleanup.pending()).toBe(0);
  });

  it('takes what matches a filter (provider any case, event type by prefix) and keeps what arrives after the request', () => {
    const app = openApp();
    const a = app.endpoints.create('a');
    const b = app.endpoints.create('b');
    const ids = app.captures.insertMany([row(a.id, '/a/1'), row(a.id, '/a/2'), row(b.id, '/b/1'), row(a.id, '/a/3')]);
    createAnalysisRepo(app.db, (id) => app.captures.get(id)).save(
      [
        { id: ids[0], provider: 'prynt', eventType: 'verdict.created', signatureStatus: 'valid', signature: null },
        { id: ids[1], provider: 'prynt', eventType: 'session.closed', signatureStatus: 'valid', signature: null },
        { id: ids[2], provider: 'prynt', eventType: 'verdict.updated', signatureStatus: 'invalid', signature: null },
        { id: ids[3], provider: 'lmif', eventType: 'verdict.created', signatureStatus: 'valid', signature: null },
      ],
      ids[3],
    );
    expect(app.cleanup.count({ filter: { provider: 'Prynt', eventType: 'VERDICT' } })).toBe(2);
    expect(app.cleanup.deleteCaptures({ filter: { provider: 'Prynt', eventType: 'verdict', endpoint: 'a' } })).toEqual({
      count: 1,
    });
    const late = app.captures.insertMany([row(a.id, '/a/4')])[0];
    createAnalysisRepo(app.db, (id) => app.captures.get(id)).save(
      [{ id: late, provider: 'prynt', eventType: 'verdict.created', signatureStatus: 'valid', signature: null }],
      late,
    );
    runCleanup(app, 100);
    expect(app.captures.list().map((c) => c.id)).toEqual([late, ids[3], ids[2], ids[1]]);
  });

  it('empties the table with all, and a capture after it never gets a deleted id again', () => {
    const app = openApp();
    const a = app.endpoints.create('a');
    const ids = app.captures.insertMany(Array.from({ length: 12 }, (_, i) => row(a.id, `/a/${i}`)));
    app.drainBackground();
    expect(app.cleanup.deleteCaptures({ all: true })).toEqual({ count: 12 });
    runCleanup(app, 5);
    expect(app.captures.count()).toBe(0);
    const [next] = app.captures.insertMany([row(a.id, '/a/new', '{"word":"okapi"}')]);
    expect(next).toBe(ids[11] + 1);
    // The search cursor had passed every deleted id: the new capture is indexed all the same.
    app.drainBackground();
    expect(app.search.search('okapi')).toEqual([next]);
    expect(app.captures.list().map((c) => c.id)).toEqual([next]);
  });

  it('refuses a request that names nothing, or several kinds at once, and deletes nothing', () => {
    const app = openApp();
    const a = app.endpoints.create('a');
    app.captures.insertMany([row(a.id, '/a/1')]);
    expect(() => app.cleanup.deleteCaptures({})).toThrow(/say which captures to delete/);
    expect(() => app.cleanup.deleteCaptures({ filter: { endpoint: '  ' } })).toThrow(/say which captures/);
    expect(() => app.cleanup.deleteCaptures({ ids: [1], all: true })).toThrow(/one of/);
    expect(() => app.cleanup.deleteCaptures({ ids: [] })).toThrow(/no capture ids/);
    expect(app.cleanup.pending()).toBe(0);
    expect(app.captures.count()).toBe(1);
  });

  it('deletes an endpoint with all its captures in slices, then the endpoint itself', () => {
    const app = openApp();
    const a = app.endpoints.create('a');
    const b = app.endpoints.create('b');
    app.secrets.set('a', ['whsec_1'], 'replace');
    app.captures.insertMany([...Array.from({ length: 7 }, (_, i) => row(a.id, `/a/${i}`)), row(b.id, '/b/1')]);
    const changed: string[][] = [];
    app.events.subscribe((event, payload) => {
      if (event === 'endpoints.changed') changed.push((payload as { slug: string }[]).map((e) => e.slug));
    });
    expect(app.cleanup.deleteEndpoint('a')).toEqual({ slug: 'a', count: 7 });
    expect(() => app.cleanup.deleteEndpoint('a')).toThrow(/already being deleted/);
    expect(runCleanup(app, 3)).toEqual([3, 3, 2]);
    expect(app.endpoints.find('a')).toBeUndefined();
    expect(app.captures.list().map((c) => c.endpoint)).toEqual(['b']);
    expect(changed.at(-1)).toEqual(app.endpoints.list().map((e) => e.slug));
    expect(changed.at(-1)).toContain('b');
    expect(changed.at(-1)).not.toContain('a');
    expect(app.secrets.byEndpoint().has(a.id)).toBe(false);
    expect(() => app.cleanup.deleteEndpoint('ghost')).toThrow(/no endpoint named "ghost"/);
  });

  it('gives the freed pages back to the disk in the background (a new database is incremental)', () => {
    const app = openApp();
    expect(app.reclaimer.incremental).toBe(true);
    const a = app.endpoints.create('a');
    const big = 'x'.repeat(20_000);
    app.captures.insertMany(Array.from({ length: 200 }, (_, i) => row(a.id, `/a/${i}`, `{"pad":"${big}${i}"}`)));
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(databasePath(app.dataDir)).size;
    app.cleanup.deleteCaptures({ all: true });
    runCleanup(app, 50);
    expect(app.reclaimer.freePages()).toBeGreaterThan(500);
    let steps = 0;
    while (app.reclaimer.run(100) > 0) steps++;
    expect(steps).toBeGreaterThan(5);
    expect(app.reclaimer.freePages()).toBe(0);
    app.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(statSync(databasePath(app.dataDir)).size).toBeLessThan(before / 4);
  });
});

describe('list filters', () => {
  it('match the provider in any case and the event type by prefix in any case', () => {
    const app = openApp();
    const a = app.endpoints.create('a');
    const ids = app.captures.insertMany([row(a.id, '/1'), row(a.id, '/2'), row(a.id, '/3'), row(a.id, '/4')]);
    createAnalysisRepo(app.db, (id) => app.captures.get(id)).save(
      [
        { id: ids[0], provider: 'prynt', eventType: 'verdict.created', signatureStatus: 'valid', signature: null },
        { id: ids[1], provider: 'prynt', eventType: 'session_closed', signatureStatus: 'valid', signature: null },
        { id: ids[2], provider: 'lmif', eventType: 'verdict', signatureStatus: 'valid', signature: null },
        { id: ids[3], provider: 'lmif', eventType: 'sessionXclosed', signatureStatus: 'valid', signature: null },
      ],
      ids[3],
    );
    const list = (f: Parameters<App['captures']['list']>[0]) => app.captures.list(f).map((c) => c.id);
    expect(list({ provider: 'Prynt' })).toEqual([ids[1], ids[0]]);
    expect(list({ provider: 'PRYNT', eventType: 'Verdict' })).toEqual([ids[0]]);
    expect(list({ eventType: 'verdict' })).toEqual([ids[2], ids[0]]);
    expect(list({ eventType: 'verdict.created' })).toEqual([ids[0]]);
    // LIKE's wildcards are matched as themselves.
    expect(list({ eventType: 'session_' })).toEqual([ids[1]]);
    expect(list({ eventType: '%' })).toEqual([]);
  });
});
