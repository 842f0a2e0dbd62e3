import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { deadPort, sendRaw, startTarget, type Target } from './support';

let cap: RunningCapture;
let target: Target;
let inFlight = 0;
let maxInFlight = 0;
const started: string[] = [];

beforeAll(async () => {
  cap = await startCaptureApp({ bodyLimit: 1024 });
  cap.app.createEndpoint('bulk');
  cap.app.createEndpoint('other');
  target = await startTarget((hit, res) => {
    started.push(hit.body.toString());
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(hit.body.toString().startsWith('fail') ? 500 : 200).end();
    }, 60);
  });
});
afterAll(async () => {
  await target.close();
  await cap.close();
});

describe('bulk replay', () => {
  it('sends a selection in order, at most `concurrency` at once, and sums up by failure kind', async () => {
    const ids: number[] = [];
    for (const body of ['a', 'b', 'fail-c', 'd', 'e', 'fail-f', 'g', 'h'])
      ids.push((await sendRaw(cap.port, { path: '/bulk/x', headers: [], body })).id);
    const truncated = (await sendRaw(cap.port, { path: '/bulk/big', headers: [], body: Buffer.alloc(2000, 1) })).id;
    const seen: number[] = [];
    started.length = 0;
    maxInFlight = 0;
    const summary = await cap.app.replay.bulk(
      { ids: [...ids, truncated] },
      { url: `${target.url}/in`, concurrency: 3 },
      (r) => seen.push(r.captureId),
    );
    expect(started).toEqual(['a', 'b', 'fail-c', 'd', 'e', 'fail-f', 'g', 'h']);
    expect(maxInFlight).toBe(3);
    expect(summary).toMatchObject({
      total: 9,
      sent: 8,
      succeeded: 6,
      failed: 3,
      failedByKind: { status: 2, 'not-sent': 1 },
    });
    expect(summary.results.map((r) => r.captureId)).toEqual([...ids, truncated]);
    expect(summary.results.at(-1)).toMatchObject({
      replayId: null,
      errorKind: 'not-sent',
      error: expect.stringMatching(/not received whole/),
    });
    expect(seen.sort((x, y) => x - y)).toEqual([...ids, truncated].sort((x, y) => x - y));
    for (const r of summary.results.slice(0, 8)) expect(cap.app.replay.get(r.replayId!).captureId).toBe(r.captureId);
  });

  it('selects by filter, oldest first, and counts network failures by kind', async () => {
    const a = (await sendRaw(cap.port, { path: '/other/1', headers: [], body: 'one' })).id;
    const b = (await sendRaw(cap.port, { path: '/other/2', headers: [], body: 'two' })).id;
    const port = await deadPort();
    const summary = await cap.app.replay.bulk(
      { filter: { endpoint: 'other' } },
      { url: `http://127.0.0.1:${port}/`, concurrency: 1 },
    );
    expect(summary.results.map((r) => r.captureId)).toEqual([a, b]);
    expect(summary).toMatchObject({ total: 2, sent: 2, succeeded: 0, failedByKind: { 'connection-refused': 2 } });
    const none = await cap.app.replay.bulk(
      { filter: { endpoint: 'other', since: Date.now() + 60_000 } },
      { url: target.url },
    );
    expect(none).toMatchObject({ total: 0, sent: 0, failed: 0 });
  });

  it('refuses a bad selection or concurrency before sending anything', async () => {
    const hits = target.hits.length;
    await expect(cap.app.replay.bulk({ ids: [99_999] })).rejects.toMatchObject({ code: 'CAPTURE_NOT_FOUND' });
    await expect(cap.app.replay.bulk({ filter: { endpoint: 'nope' } })).rejects.toMatchObject({
      code: 'ENDPOINT_NOT_FOUND',
    });
    await expect(cap.app.replay.bulk({ filter: {} }, { concurrency: 0 })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(cap.app.replay.bulk({ filter: {} }, { url: 'mailto:x@y' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
    });
    expect(target.hits.length).toBe(hits);
  });
});
