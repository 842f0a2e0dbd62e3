import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/core/app';
import { ManualClock } from '../../src/core/clock';
import { DAY_MS } from '../../src/core/retention';
import { runCli } from '../helpers/cli';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';
import { captureRow, eventually } from './support/rows';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function openApp(clock?: ManualClock): App {
  const dir = tempDir();
  const app = createApp({ dataDir: dir.path, clock });
  cleanups.push(
    () => dir.remove(),
    () => app.close(),
  );
  return app;
}

function insert(app: App, slug: string, count: number, at: (i: number) => number = () => app.clock.now()): number[] {
  const endpoint = app.endpoints.find(slug) ?? app.createEndpoint(slug);
  const ids: number[] = [];
  for (let start = 0; start < count; start += 5000) {
    const rows = Array.from({ length: Math.min(5000, count - start) }, (_, k) =>
      captureRow(endpoint.id, at(start + k), `${slug}-${start + k}`),
    );
    ids.push(...app.captures.insertMany(rows));
  }
  return ids;
}

const idsOf = (app: App, slug: string) => app.captures.list({ endpoint: slug, limit: 10_000 }).map((c) => c.id);

/** Runs retention steps of `max` until it reports no work; returns how many steps that took. */
function trim(app: App, max: number, guard = 100_000): number {
  let steps = 0;
  while (app.retention.run(max) > 0 && steps < guard) steps++;
  return steps;
}

describe('retention: keep the newest N', () => {
  it("keeps exactly the newest N of that endpoint, deleting at most `max` per step, and no other endpoint's", () => {
    const app = openApp();
    const shop = insert(app, 'shop', 1000);
    const other = insert(app, 'other', 300);
    const shopId = app.endpoints.get('shop').id;
    app.retention.setLimits(shopId, { keepCount: 100, keepDays: null });

    let before = idsOf(app, 'shop').length;
    let steps = 0;
    while (app.retention.run(16) > 0) {
      const now = idsOf(app, 'shop').length;
      expect(before - now).toBeLessThanOrEqual(16);
      before = now;
      steps++;
    }
    expect(steps).toBeGreaterThan(900 / 16);
    expect(idsOf(app, 'shop')).toEqual(shop.slice(-100).reverse());
    expect(idsOf(app, 'other')).toEqual(other.slice().reverse());
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('holds the limit as captures keep arriving, and lifts it when the limit is removed', () => {
    const app = openApp();
    insert(app, 'shop', 250);
    const id = app.endpoints.get('shop').id;
    app.retention.setLimits(id, { keepCount: 40, keepDays: null });
    trim(app, 7);
    for (let round = 0; round < 5; round++) {
      const fresh = insert(app, 'shop', 33 + round * 17);
      trim(app, 7);
      const kept = idsOf(app, 'shop');
      expect(kept).toHaveLength(40);
      expect(kept[0]).toBe(fresh.at(-1));
    }
    app.retention.setLimits(id, { keepCount: null, keepDays: null });
    insert(app, 'shop', 60);
    trim(app, 7);
    expect(idsOf(app, 'shop')).toHaveLength(100);
  });

  it('an endpoint with fewer captures than its limit loses none, then trims once it passes it', () => {
    const app = openApp();
    insert(app, 'shop', 5);
    app.retention.setLimits(app.endpoints.get('shop').id, { keepCount: 10, keepDays: null });
    trim(app, 3);
    expect(idsOf(app, 'shop')).toHaveLength(5);
    const fresh = insert(app, 'shop', 12);
    trim(app, 3);
    expect(idsOf(app, 'shop')).toEqual(fresh.slice(-10).reverse());
  });

  it('takes the search entries of the captures it deletes with them', () => {
    const app = openApp();
    const ids = insert(app, 'shop', 50);
    app.drainBackground(); // index everything first
    app.retention.setLimits(app.endpoints.get('shop').id, { keepCount: 10, keepDays: null });
    trim(app, 8);
    expect(app.search.search('shop', 100)).toEqual(ids.slice(-10).reverse());
    expect(app.search.search('shop-3')).toEqual([]);
    expect(app.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('refuses a limit that is not a whole number of at least 1 or a positive number of days', () => {
    const app = openApp();
    const id = app.endpoints.get('default').id;
    expect(() => app.retention.setLimits(id, { keepCount: 0, keepDays: null })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(() => app.retention.setLimits(id, { keepCount: 2.5, keepDays: null })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(() => app.retention.setLimits(id, { keepCount: null, keepDays: -1 })).toThrow(
      expect.objectContaining({ code: 'BAD_INPUT' }),
    );
    expect(app.retention.limits(id)).toEqual({ keepCount: null, keepDays: null });
  });
});

describe('retention: keep D days', () => {
  it('deletes what is older than D days as the clock moves, oldest first, in bounded steps', () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 10));
    const app = openApp(clock);
    const start = clock.now() - 5 * DAY_MS;
    // One capture an hour for five days, up to now.
    const ids = insert(app, 'shop', 120, (i) => start + i * 3_600_000);
    insert(app, 'other', 10, () => start);
    app.retention.setLimits(app.endpoints.get('shop').id, { keepCount: null, keepDays: 2 });
    trim(app, 10);
    const cutoff = clock.now() - 2 * DAY_MS;
    const kept = ids.filter((_, i) => start + i * 3_600_000 >= cutoff);
    expect(kept).toHaveLength(48);
    expect(idsOf(app, 'shop')).toEqual(kept.reverse());

    clock.advance(DAY_MS);
    expect(app.retention.run(5)).toBe(5);
    trim(app, 5);
    expect(idsOf(app, 'shop')).toEqual(ids.slice(96).reverse());
    expect(idsOf(app, 'other')).toHaveLength(10);
  });
});

describe('retention and capture ids', () => {
  it('never empties the table, so ids never repeat and a capture after a full expiry is indexed and analyzed', () => {
    const clock = new ManualClock(Date.UTC(2025, 0, 10));
    const app = openApp(clock);
    const ids = insert(app, 'shop', 10);
    app.drainBackground();
    app.retention.setLimits(app.endpoints.get('shop').id, { keepCount: null, keepDays: 1 });
    clock.advance(2 * DAY_MS);
    trim(app, 4);
    // Everything expired; the newest capture of all stays, as the floor for new ids.
    expect(idsOf(app, 'shop')).toEqual([ids.at(-1)]);
    const [fresh] = insert(app, 'shop', 1);
    expect(fresh).toBe(ids.at(-1)! + 1);
    app.drainBackground();
    expect(app.search.search(`shop-0`)).toContain(fresh);
    expect(app.captureAnalyzed(fresh).id).toBe(fresh);
  });
});

describe('retention in a running serve', () => {
  it('applies a limit set by the CLI while serve runs, in the background, while capture keeps answering', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const seed = createApp({ dataDir: dir.path });
    insert(seed, 'shop', 30_000);
    await seed.close();

    const serve = await startServeProcess(dir.path);
    cleanups.push(async () => {
      serve.child.kill('SIGTERM');
      await serve.exited;
    });
    const set = await runCli(['endpoint', 'set', 'shop', '--keep', '25', '--data', dir.path]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('keeps newest 25');

    // Capture keeps answering while the backlog is trimmed: every request to another endpoint is acknowledged.
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        fetch(`${serve.info.captureUrl}default/live/${i}`, { method: 'POST', body: String(i) }).then((r) => r.status),
      ),
    );
    expect(answers.every((s) => s === 200)).toBe(true);

    const db = new Database(join(dir.path, 'hookscope.db'), { readonly: true });
    cleanups.push(() => {
      db.close();
    });
    const count = (slug: string) =>
      (
        db
          .prepare('SELECT count(*) AS n FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE e.slug = ?')
          .get(slug) as { n: number }
      ).n;
    // The trim runs in the background beside indexing the same 30,000 captures; on a loaded 2-core machine that takes a while.
    expect(await eventually(() => count('shop') === 25, 60_000)).toBe(true);
    expect(count('default')).toBe(200);
    const newest = db
      .prepare("SELECT max(c.id) AS m FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE e.slug = 'shop'")
      .get() as { m: number };
    expect(newest.m).toBe(30_000);
  }, 120_000);
});
