import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { callApi, createApiHandlers } from '../../../src/core/api';
import { systemClock } from '../../../src/core/clock';
import { databasePath } from '../../../src/core/paths';
import { runRead, type ReadArgs, type ThreadRead } from '../../../src/core/reads/read-methods';
import { startReadThread, type ReadThread } from '../../../src/core/reads/read-pool';
import type { NewCapture } from '../../../src/core/store/captures';
import { schemaVersion } from '../../../src/core/store/read-connection';
import { HookscopeError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';
import { waitFor } from '../../helpers/wait';

let app: App;
let dir: { path: string; remove(): void };
let thread: ReadThread | undefined;
let errors: unknown[];

function row(i: number): NewCapture {
  const body = Buffer.from(JSON.stringify({ type: 'invoice.paid', n: i }));
  return {
    endpointId: 1,
    receivedAt: 1_700_000_000_000 + i,
    method: 'POST',
    url: `http://h/b?n=${i}`,
    path: '/b',
    query: `n=${i}`,
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [['content-type', 'application/json']],
    body,
    bodySize: body.length,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}

/** The read on the thread, falling back to the main connection as the app does. */
const read = <M extends ThreadRead>(method: M, args: ReadArgs<M>) =>
  thread!.run(method, args, () => runRead(app.captures, method, args));

function start(options: { entry?: string; restartMs?: number } = {}): ReadThread {
  thread = startReadThread({
    file: databasePath(app.dataDir),
    schemaVersion: schemaVersion(app.db),
    clock: systemClock,
    gate: app.interactive,
    onError: (e) => errors.push(e),
    ...options,
  });
  return thread;
}

beforeEach(() => {
  dir = tempDir();
  errors = [];
  app = createApp({ dataDir: dir.path });
  app.captures.insertMany(Array.from({ length: 30 }, (_, i) => row(i)));
  app.drainBackground(); // verdicts stored and the index built for these 30
});
afterEach(async () => {
  await thread?.stop();
  thread = undefined;
  await app.close();
  dir.remove();
});

describe('the read thread', () => {
  it('answers reads while the main connection holds a write transaction open, from the last committed state', async () => {
    const t = start();
    await t.ready();
    // A long write on the main connection: begun, a capture written, not committed.
    app.db.exec('BEGIN IMMEDIATE');
    const [uncommitted] = app.captures.insertMany([row(100)]);
    const list = read('captures.list', { limit: 200 });
    const found = read('captures.search', { text: 'invoice', limit: 1000 });
    const detail = read('captures.get', { id: 5 });
    const answered = await Promise.all([list, found, detail]);
    // Each read came back while the writer still held its transaction.
    expect(app.db.inTransaction).toBe(true);
    const [page, matches, capture] = answered;
    expect(page.map((c) => c.id)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect(matches).toHaveLength(30);
    expect(capture).toMatchObject({ id: 5, path: '/b', query: 'n=4' });
    expect(t.served).toEqual({ thread: 3, main: 0 });
    app.db.exec('COMMIT');
    // Read-your-writes: a read sent after the commit sees it.
    const after = await read('captures.list', { limit: 1 });
    expect(after[0].id).toBe(uncommitted);
    expect(t.served.thread).toBe(4);
  });

  it('is restarted after it dies, the main connection answering meanwhile', async () => {
    const t = start({ restartMs: 20 });
    await t.ready();
    expect((await read('captures.get', { id: 1 })).id).toBe(1);
    await t.kill();
    expect(t.state).not.toBe('ready');
    // While it is down: the same answer, from the main connection.
    expect((await read('captures.get', { id: 2 })).id).toBe(2);
    expect(t.served).toEqual({ thread: 1, main: 1 });
    await t.ready();
    expect((await read('captures.list', { limit: 3 })).map((c) => c.id)).toEqual([30, 29, 28]);
    expect(t.served).toEqual({ thread: 2, main: 1 });
  });

  it('finishes on the main connection a read that was in flight when the thread died', async () => {
    const t = start({ entry: fileURLToPath(new URL('./silent-worker.mjs', import.meta.url)), restartMs: 60_000 });
    await t.ready();
    const pending = read('captures.get', { id: 7 });
    expect(app.interactive.busy()).toBe(true); // the background stands aside until the answer arrives
    await t.kill();
    expect((await pending).id).toBe(7);
    expect(t.served).toEqual({ thread: 0, main: 1 });
  });

  it('sends back a capture without a stored verdict: the main thread analyzes it', async () => {
    const t = start();
    await t.ready();
    const [fresh] = app.captures.insertMany([row(200)]);
    const detail = await read('captures.get', { id: fresh });
    expect(detail.id).toBe(fresh);
    expect(t.served).toEqual({ thread: 0, main: 1 });
    // Above the analysis mark the main thread verifies it again on every read (an endpoint's edit marks only
    // captures at or below the mark stale): still the main thread's, until the background has passed it.
    await read('captures.get', { id: fresh });
    expect(t.served).toEqual({ thread: 0, main: 2 });
    app.drainBackground();
    expect((await read('captures.get', { id: fresh })).signature).toEqual(detail.signature);
    expect(t.served).toEqual({ thread: 1, main: 2 });
  });

  it('after an endpoint edit, a read shows the verdict under the new settings (read-your-writes)', async () => {
    const t = start();
    await t.ready();
    expect((await read('captures.get', { id: 3 })).provider).toBeNull();
    expect(t.served).toEqual({ thread: 1, main: 0 });
    // The edit commits before it returns, and marks the endpoint's verdicts stale in the same transaction.
    app.updateEndpoint('default', { provider: 'stripe' });
    const detail = await read('captures.get', { id: 3 });
    expect(detail.provider).toBe('stripe');
    expect(t.served).toEqual({ thread: 1, main: 1 }); // verified again on the main thread, with the settings just saved
  });

  it('passes a coded error back as the same HookscopeError', async () => {
    const t = start();
    await t.ready();
    const error = await read('captures.get', { id: 999 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HookscopeError);
    expect(error).toMatchObject({ code: 'CAPTURE_NOT_FOUND', message: 'no capture with id 999', details: { id: 999 } });
    expect(t.served.thread).toBe(1);
  });

  it('leaves reads to the main connection once the schema changed under it', async () => {
    const t = start();
    await t.ready();
    app.db.pragma(`user_version = ${schemaVersion(app.db) + 1}`);
    expect((await read('captures.list', { limit: 2 })).map((c) => c.id)).toEqual([30, 29]);
    expect(t.served).toEqual({ thread: 0, main: 1 });
  });

  it('stays down, the main connection answering, when the database file is gone', async () => {
    const t = start({ restartMs: 10 });
    await t.ready();
    const file = databasePath(app.dataDir);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
    await t.kill();
    await waitFor('the restarted thread to fail to open', () =>
      errors.some((e) => /read thread: .*main thread/.test(String(e))),
    );
    expect(t.state).not.toBe('ready');
    // The main connection still has the file open and answers.
    expect((await read('captures.get', { id: 3 })).id).toBe(3);
    expect(t.served).toEqual({ thread: 0, main: 1 });
  });

  it('reads here a request whose arguments cannot be copied to the thread', async () => {
    const t = start();
    await t.ready();
    const args = { limit: 1, extra: () => 1 } as unknown as ReadArgs<'captures.list'>;
    expect((await read('captures.list', args))[0].id).toBe(30);
    expect(t.served).toEqual({ thread: 0, main: 1 });
    expect(app.interactive.inFlight).toBe(0);
  });

  it('without its script (a build that left it out), says so once and leaves every read to the main connection', async () => {
    const t = start({ entry: join(dir.path, 'no-such-read-worker.mjs') });
    expect(t.state).toBe('down');
    expect(errors.map(String)).toEqual([expect.stringMatching(/read thread: no .*no-such-read-worker\.mjs/)]);
    expect((await read('captures.get', { id: 4 })).id).toBe(4);
    expect(t.served).toEqual({ thread: 0, main: 1 });
  });

  it('after stop, reads run on the main connection', async () => {
    const t = start();
    await t.ready();
    await t.stop();
    expect(t.state).toBe('stopped');
    expect((await read('captures.list', { limit: 1 }))[0].id).toBe(30);
    expect(t.served).toEqual({ thread: 0, main: 1 });
  });
});

describe('the app with a read thread', () => {
  it('answers the API’s capture reads on the thread once started, and closes it with the app', async () => {
    const threaded = createApp({ dataDir: tempDir().path, readThread: true });
    try {
      threaded.captures.insertMany([row(1), row(2)]);
      threaded.drainBackground();
      const handlers = createApiHandlers(threaded, { version: 't', captureUrl: () => null });
      // Before startBackground: no thread, the main connection answers.
      expect(threaded.reads.thread()).toBeNull();
      expect(await callApi(handlers, 'captures.get', { id: 1 })).toMatchObject({ id: 1 });
      threaded.startBackground();
      const t = threaded.reads.thread()!;
      await t.ready();
      expect(((await callApi(handlers, 'captures.search', { text: 'invoice' })) as unknown[]).length).toBe(2);
      expect(await callApi(handlers, 'captures.body', { id: 2 })).toMatchObject({ isText: true });
      expect(t.served).toEqual({ thread: 2, main: 0 });
      // A capture the background has not analyzed yet is opened here, where its verdict is computed: no trip to the thread.
      threaded.captures.insertMany([row(3)]);
      expect(await callApi(handlers, 'captures.get', { id: 3 })).toMatchObject({ id: 3 });
      expect(t.served).toEqual({ thread: 2, main: 0 });
      await threaded.close();
      expect(t.state).toBe('stopped');
    } finally {
      await threaded.close();
      rmSync(threaded.dataDir, { recursive: true, force: true });
    }
  });
});
