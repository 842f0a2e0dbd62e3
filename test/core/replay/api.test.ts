import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callApi, createApiHandlers } from '../../../src/core/api';
import type { ApiHandlers } from '../../../src/shared/api';
import type { ReplaySummary } from '../../../src/shared/replay-types';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { sendRaw, startTarget, type Target } from './support';

let cap: RunningCapture;
let handlers: ApiHandlers;
let target: Target;

beforeAll(async () => {
  cap = await startCaptureApp();
  handlers = createApiHandlers(cap.app, { version: 'test', captureUrl: () => cap.url });
  target = await startTarget();
  cap.app.createEndpoint('ui');
});
afterAll(async () => {
  await target.close();
  await cap.close();
});

describe('the replay part of the API', () => {
  it('replays, lists, forwards, exports, imports and diffs through the contract, and reports replays live', async () => {
    const events: ReplaySummary[] = [];
    const unsubscribe = cap.app.events.subscribe((event, payload) => {
      if (event === 'replays.added') events.push(...(payload as ReplaySummary[]));
    });
    const a = await sendRaw(cap.port, { path: '/ui/a', headers: [['Content-Type', 'text/plain']], body: 'hello' });
    const b = await sendRaw(cap.port, {
      path: '/ui/b',
      headers: [['Content-Type', 'text/plain']],
      body: 'hello\nworld',
    });
    const view = (await callApi(handlers, 'replays.send', {
      id: a.id,
      url: `${target.url}/x`,
      headers: [['X-Edited', '1']],
      bodyBase64: Buffer.from('edited').toString('base64'),
    })) as { id: number; edited: boolean; response: { status: number } };
    expect(view).toMatchObject({ edited: true, response: { status: 200 } });
    expect(target.hits.at(-1)!.body.toString()).toBe('edited');
    expect(events).toEqual([
      expect.objectContaining({ id: view.id, captureId: a.id, kind: 'replay', status: 200, ok: true }),
    ]);
    expect(await callApi(handlers, 'replays.list', { captureId: a.id })).toEqual([
      await callApi(handlers, 'replays.get', { id: view.id }),
    ]);
    const bulk = await callApi(handlers, 'replays.bulk', { filter: { endpoint: 'ui', since: '1h' }, url: target.url });
    expect(bulk).toMatchObject({ total: 2, succeeded: 2 });

    expect(await callApi(handlers, 'endpoints.forward', { slug: 'ui', url: target.url, mode: 'proxy' })).toMatchObject({
      forwardUrl: target.url,
      forwardMode: 'proxy',
    });
    expect(cap.app.endpoints.get('ui').forwardMode).toBe('proxy');
    await callApi(handlers, 'endpoints.forward', { slug: 'ui', url: null });
    expect(cap.app.endpoints.get('ui').forwardUrl).toBeNull();

    expect(await callApi(handlers, 'export.curl', { id: a.id })).toMatchObject({
      command: expect.stringMatching(/^curl -X POST /),
      bodyFile: null,
    });
    const har = (await callApi(handlers, 'export.har', { ids: [a.id, b.id] })) as { log: { entries: unknown[] } };
    expect(har.log.entries).toHaveLength(2);
    const { text } = (await callApi(handlers, 'export.ndjson', { endpoint: 'ui' })) as { text: string };
    expect(await callApi(handlers, 'import.text', { text })).toMatchObject({
      format: 'ndjson',
      captures: 0,
      skipped: 2,
    });
    expect(await callApi(handlers, 'captures.diff', { a: a.id, b: b.id })).toMatchObject({
      body: { kind: 'text', added: 1 },
    });
    unsubscribe();
  });

  it('rejects bad arguments with BAD_INPUT naming the field', async () => {
    await expect(callApi(handlers, 'replays.send', { id: 1, url: 'ftp://x' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/^replays\.send: url:/),
    });
    await expect(callApi(handlers, 'replays.bulk', { ids: [1], filter: {} })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/ids or a filter/),
    });
    await expect(
      callApi(handlers, 'endpoints.forward', { slug: 'ui', url: 'javascript:alert(1)' }),
    ).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(callApi(handlers, 'export.har', { since: 'whenever' })).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringMatching(/--since/),
    });
    await expect(callApi(handlers, 'import.text', { text: 'nope' })).rejects.toMatchObject({ code: 'IMPORT_INVALID' });
  });
});
