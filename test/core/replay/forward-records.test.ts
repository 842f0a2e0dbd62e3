import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { createBatchWriter, type BatchWriter } from '../../../src/core/capture/writer';
import { createForwardRecords, RIDE_WAIT_MS, type ForwardRecord } from '../../../src/core/replay/forward-records';
import { createCaptureRepo, type NewCapture } from '../../../src/core/store/captures';
import { createReplayRepo, type StoredReplay } from '../../../src/core/store/replays';
import { tempDir } from '../../helpers/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function appOnDisk(): App {
  const dir = tempDir();
  const app = createApp({ dataDir: dir.path });
  cleanups.push(() => dir.remove());
  cleanups.push(() => app.close());
  return app;
}

function capture(app: App, body: string): number {
  return app.captures.insertMany([newCapture(app, body)])[0];
}

function newCapture(app: App, body: string): NewCapture {
  return {
    endpointId: app.endpoints.get('default').id,
    receivedAt: 1_700_000_000_000,
    method: 'POST',
    url: 'http://127.0.0.1/x',
    path: '/x',
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers: [],
    body: Buffer.from(body),
    bodySize: body.length,
    bodySha256: '0'.repeat(64),
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: null as unknown as string, delayMs: 0 },
  };
}

function record(captureId: number, status: number): ForwardRecord {
  return {
    replay: {
      captureId,
      kind: 'forward',
      sentAt: 1_700_000_000_001,
      url: 'http://127.0.0.1:9/',
      request: { method: 'POST', headers: [], body: new Uint8Array() },
      resigned: null,
      edited: false,
      warnings: [],
      status,
      responseHeaders: [],
      responseBody: new Uint8Array(Buffer.from(`from target ${status}`)),
      responseSize: 15,
      durationMs: 1,
      ok: status < 300,
      errorKind: status < 300 ? null : 'status',
      errorMessage: null,
    },
    given: { kind: 'answered', status, headers: [], body: `from target ${status}`, delayMs: 0, reason: 'proxied' },
  };
}

/** The records over a real database, with the turn's end in the test's hands and every transaction counted. */
function recordsOver(app: App, alongside?: BatchWriter) {
  const replays = createReplayRepo(app.db);
  const captures = createCaptureRepo(app.db);
  const turnEnds: (() => void)[] = [];
  const waits: { ms: number; run: () => void }[] = [];
  const recorded: StoredReplay[] = [];
  const errors: unknown[] = [];
  let transactions = 0;
  const inTransaction = app.db.transaction((work: () => unknown) => work());
  const records = createForwardRecords({
    replays,
    setResponse: (id, response) => captures.setResponse(id, response),
    transaction: <T>(work: () => T) => {
      transactions += 1;
      return inTransaction(work) as T;
    },
    soon: (run) => void turnEnds.push(run),
    later: (ms, run) => void waits.push({ ms, run }),
    alongside,
    onRecorded: (r) => recorded.push(r),
    onError: (e) => errors.push(e),
  });
  return { records, replays, turnEnds, waits, recorded, errors, transactions: () => transactions };
}

describe('forward records', () => {
  it("stores a turn's records in one transaction after the turn, with each capture's answer", () => {
    const app = appOnDisk();
    const ids = [capture(app, 'a'), capture(app, 'b'), capture(app, 'c')];
    const r = recordsOver(app);
    r.records.add(record(ids[0], 200));
    r.records.add(record(ids[1], 409));
    r.records.add(record(ids[2], 201));
    expect(r.turnEnds).toHaveLength(1);
    expect(app.replay.list(ids[0])).toHaveLength(0);
    r.turnEnds[0]();
    expect(r.transactions()).toBe(1);
    expect(ids.map((id) => app.replay.list(id).map((x) => x.response.status))).toEqual([[200], [409], [201]]);
    expect(ids.map((id) => app.captures.get(id).response)).toMatchObject([
      { status: 200, body: 'from target 200' },
      { status: 409, body: 'from target 409' },
      { status: 201, body: 'from target 201' },
    ]);
    expect(r.recorded.map((x) => x.captureId)).toEqual(ids);
    expect(r.records.queued).toBe(0);
  });

  it('flush() stores what is queued at once (the app closing)', () => {
    const app = appOnDisk();
    const id = capture(app, 'a');
    const r = recordsOver(app);
    r.records.add(record(id, 200));
    r.records.flush();
    expect(app.replay.list(id)).toMatchObject([{ kind: 'forward', ok: true }]);
    r.turnEnds[0]();
    expect(app.replay.list(id)).toHaveLength(1);
  });

  it('a record that cannot be stored (its capture deleted meanwhile) is reported and the others are kept', () => {
    const app = appOnDisk();
    const kept = [capture(app, 'a'), capture(app, 'b')];
    const r = recordsOver(app);
    r.records.add(record(kept[0], 200));
    r.records.add(record(999_999, 200));
    r.records.add(record(kept[1], 200));
    r.turnEnds[0]();
    expect(kept.map((id) => app.replay.list(id).length)).toEqual([1, 1]);
    expect(r.errors).toHaveLength(1);
    expect(r.recorded.map((x) => x.captureId)).toEqual(kept);
  });

  it('reads nothing back when nobody listens', () => {
    const app = appOnDisk();
    const id = capture(app, 'a');
    const replays = createReplayRepo(app.db);
    let reads = 0;
    const records = createForwardRecords({
      replays: { add: replays.add, get: (n) => (reads++, replays.get(n)) },
      setResponse: () => undefined,
      transaction: (work) => work(),
      soon: (run) => run(),
      listening: () => false,
      onRecorded: () => undefined,
    });
    records.add(record(id, 200));
    expect(app.replay.list(id)).toHaveLength(1);
    expect(reads).toBe(0);
  });

  it("records made while captures are being committed go into the captures' transaction, and are heard of after it", async () => {
    const app = appOnDisk();
    const earlier = capture(app, 'forwarded');
    const captures = createCaptureRepo(app.db);
    let commits = 0;
    const writer = createBatchWriter((rows, alongside) => (commits++, captures.insertMany(rows, alongside)));
    const r = recordsOver(app, writer);
    const arriving = writer.write(newCapture(app, 'arriving'));
    r.records.add(record(earlier, 202));
    expect(r.turnEnds).toHaveLength(0);
    expect(r.recorded).toHaveLength(0);
    const id = await arriving;
    expect(commits).toBe(1);
    expect(app.captures.get(id).body.toString()).toBe('arriving');
    expect(app.replay.list(earlier)).toMatchObject([{ kind: 'forward', response: { status: 202 } }]);
    expect(app.captures.get(earlier).response).toMatchObject({ status: 202 });
    expect(r.recorded.map((x) => x.captureId)).toEqual([earlier]);
  });

  it('without captures arriving, records wait a little for some, then take a transaction of their own', () => {
    const app = appOnDisk();
    const id = capture(app, 'a');
    const captures = createCaptureRepo(app.db);
    const r = recordsOver(
      app,
      createBatchWriter((rows, alongside) => captures.insertMany(rows, alongside)),
    );
    r.records.add(record(id, 200));
    expect(r.turnEnds).toHaveLength(0);
    expect(r.waits.map((w) => w.ms)).toEqual([RIDE_WAIT_MS]);
    expect(app.replay.list(id)).toHaveLength(0);
    r.waits[0].run();
    expect(app.replay.list(id)).toHaveLength(1);
    expect(r.recorded.map((x) => x.captureId)).toEqual([id]);
  });

  it('records waiting for captures go into the transaction of the first ones that come', async () => {
    const app = appOnDisk();
    const id = capture(app, 'a');
    const captures = createCaptureRepo(app.db);
    const writer = createBatchWriter((rows, alongside) => captures.insertMany(rows, alongside));
    const r = recordsOver(app, writer);
    r.records.add(record(id, 200));
    expect(app.replay.list(id)).toHaveLength(0);
    await writer.write(newCapture(app, 'next'));
    expect(app.replay.list(id)).toHaveLength(1);
    r.waits[0].run();
    expect(app.replay.list(id)).toHaveLength(1);
    expect(r.recorded.map((x) => x.captureId)).toEqual([id]);
  });

  it('a bad record riding with captures takes neither the captures nor the other records with it', async () => {
    const app = appOnDisk();
    const earlier = capture(app, 'forwarded');
    const captures = createCaptureRepo(app.db);
    const writer = createBatchWriter((rows, alongside) => captures.insertMany(rows, alongside));
    const r = recordsOver(app, writer);
    const arriving = writer.write(newCapture(app, 'arriving'));
    r.records.add(record(999_999, 200));
    r.records.add(record(earlier, 200));
    const id = await arriving;
    expect(app.captures.get(id).body.toString()).toBe('arriving');
    expect(app.replay.list(earlier)).toHaveLength(1);
    expect(r.errors).toHaveLength(1);
  });

  it("when the captures' transaction fails, the records it carried are stored on their own", async () => {
    const app = appOnDisk();
    const earlier = capture(app, 'forwarded');
    const captures = createCaptureRepo(app.db);
    const failing = app.db.transaction((rows: NewCapture[], alongside?: () => void) => {
      captures.insertMany(rows, alongside);
      throw new Error('the disk is full');
    });
    const writer = createBatchWriter((rows, alongside) => failing(rows, alongside));
    const r = recordsOver(app, writer);
    const arriving = writer.write(newCapture(app, 'arriving'));
    r.records.add(record(earlier, 200));
    await expect(arriving).rejects.toThrow('the disk is full');
    expect(app.replay.list(earlier)).toHaveLength(0);
    expect(r.turnEnds).toHaveLength(1);
    r.turnEnds[0]();
    expect(app.replay.list(earlier)).toMatchObject([{ kind: 'forward', response: { status: 200 } }]);
    expect(r.recorded.map((x) => x.captureId)).toEqual([earlier]);
  });
});
