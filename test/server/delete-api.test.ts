import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/core/app';
import type { NewCapture } from '../../src/core/store/captures';
import { databasePath } from '../../src/core/paths';
import { runCli } from '../helpers/cli';
import { quantile, startProbes } from '../helpers/probes';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

/**
 * Deleting through the control API of a real `hookscope serve`, and with
 * `hookscope delete` beside it while webhooks arrive: counted at once, done in
 * the background in slices, every webhook still answered 200.
 */

const SEEDED = 20_000;
const folder = tempDir();
const dataDir = join(folder.path, 'data');
let serve: ServeProcess;
let uiPort: number;

function row(endpointId: number, i: number): NewCapture {
  const bytes = Buffer.from(`{"n":${i},"word":"walrus${i}"}`);
  return {
    endpointId,
    receivedAt: Date.now(),
    method: 'POST',
    url: `http://h/bulk/${i}`,
    path: `/bulk/${i}`,
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

const count = (where = '1'): number => {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    return (
      db
        .prepare(`SELECT count(*) AS n FROM captures c JOIN endpoints e ON e.id = c.endpoint_id WHERE ${where}`)
        .get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
};

function api(method: string, args: unknown): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: uiPort,
        path: `/api/${method}`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${serve.info.token}` },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(args));
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  const app = createApp({ dataDir });
  const bulk = app.endpoints.create('bulk');
  app.endpoints.create('keep');
  for (let i = 0; i < SEEDED; i += 5000)
    app.captures.insertMany(Array.from({ length: 5000 }, (_, j) => row(bulk.id, i + j)));
  await app.close();
  serve = await startServeProcess(dataDir);
  uiPort = Number(new URL(serve.info.uiUrl).port);
}, 120_000);
afterAll(async () => {
  serve.child.kill('SIGTERM');
  await serve.exited;
  folder.remove();
});

describe('captures.delete and endpoints.delete over the control API', () => {
  it('refuses a call that names nothing or breaks the schema, with a coded error, and deletes nothing', async () => {
    const empty = await api('captures.delete', {});
    expect(empty.status).toBe(400);
    expect(empty.json.error).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/say which captures to delete/),
    });
    const allFalse = await api('captures.delete', { all: false });
    expect(allFalse.json.error.code).toBe('BAD_INPUT');
    const unknown = await api('captures.delete', { everything: true });
    expect(unknown.json.error.code).toBe('BAD_INPUT');
    const ghost = await api('endpoints.delete', { slug: 'ghost' });
    expect(ghost.json.error.code).toBe('ENDPOINT_NOT_FOUND');
    expect(count()).toBe(SEEDED);
  });

  it('counts with dryRun, then deletes by filter in the background while webhooks keep getting 200', async () => {
    const dry = await api('captures.delete', { endpoint: 'bulk', dryRun: true });
    expect(dry.json.result).toEqual({ count: SEEDED, dryRun: true });
    const probes = startProbes(new URL('keep/hook', serve.info.captureUrl).href);
    const asked = await api('captures.delete', { endpoint: 'bulk' });
    expect(asked.json.result).toEqual({ count: SEEDED, dryRun: false });
    await until(() => count(`e.slug = 'bulk'`) === 0, 'the bulk captures to go');
    const seen = await probes.stop();
    expect(seen.sent).toBeGreaterThan(0);
    expect(seen.statuses).toEqual({ 200: seen.sent });
    console.log(
      `captures.delete of ${SEEDED} in serve's background: ${seen.sent} probe webhooks meanwhile, all 200; p50 ${quantile(seen.latenciesMs, 0.5).toFixed(1)} ms, p99 ${quantile(seen.latenciesMs, 0.99).toFixed(1)} ms, max ${seen.latenciesMs.reduce((a, b) => Math.max(a, b), 0).toFixed(1)} ms (printed, not asserted)`,
    );
    expect(count(`e.slug = 'keep'`)).toBe(seen.sent);
    const search = await api('captures.search', { text: 'walrus123' });
    expect(search.json.result).toEqual([]);
  }, 120_000);

  it('deletes given ids, and an endpoint with its captures', async () => {
    const list = await api('captures.list', { endpoint: 'keep', limit: 3 });
    const ids = list.json.result.map((c: { id: number }) => c.id);
    const before = count();
    expect((await api('captures.delete', { ids })).json.result).toEqual({ count: ids.length, dryRun: false });
    await until(() => count() === before - ids.length, 'the ids to go');
    expect((await api('endpoints.delete', { slug: 'keep', dryRun: true })).json.result).toEqual({
      slug: 'keep',
      count: before - ids.length,
      dryRun: true,
    });
    expect((await api('endpoints.delete', { slug: 'keep' })).json.result).toEqual({
      slug: 'keep',
      count: before - ids.length,
      dryRun: false,
    });
    await until(() => count() === 0, 'the endpoint to go');
    const endpoints = await api('endpoints.list', {});
    expect(endpoints.json.result.map((e: { slug: string }) => e.slug)).not.toContain('keep');
  }, 120_000);

  it('hookscope delete --all beside the running serve: every webhook 200 while it deletes, the later ones kept', async () => {
    // Refill through the CLI's own process: 20,000 rows inserted while serve runs are what it must delete.
    const db = new Database(databasePath(dataDir));
    db.pragma('busy_timeout = 5000');
    const endpointId = (db.prepare(`SELECT id FROM endpoints WHERE slug = 'default'`).get() as { id: number }).id;
    db.close();
    const app = createApp({ dataDir });
    for (let i = 0; i < SEEDED; i += 2000)
      app.captures.insertMany(Array.from({ length: 2000 }, (_, j) => row(endpointId, i + j)));
    await app.close();
    const before = count();
    const probes = startProbes(new URL('probe/hook', serve.info.captureUrl).href);
    await new Promise((r) => setTimeout(r, 300));
    const result = await runCli(['delete', '--all', '--yes', '--json', '--data', dataDir]);
    const seen = await probes.stop();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { deleted: number };
    expect(out.deleted).toBeGreaterThanOrEqual(SEEDED);
    expect(seen.statuses).toEqual({ 200: seen.sent });
    console.log(
      `hookscope delete --all of ${out.deleted} beside serve: ${seen.sent} probe webhooks meanwhile, all 200; p50 ${quantile(seen.latenciesMs, 0.5).toFixed(1)} ms, p99 ${quantile(seen.latenciesMs, 0.99).toFixed(1)} ms, max ${seen.latenciesMs.reduce((a, b) => Math.max(a, b), 0).toFixed(1)} ms (printed, not asserted)`,
    );
    // Probes that arrived after the delete was asked for are kept.
    expect(count()).toBe(before + seen.sent - out.deleted);
    expect(serve.stderr()).not.toMatch(/database is locked|SQLITE_BUSY/);
  }, 300_000);
});
