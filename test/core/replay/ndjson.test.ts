import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import type { StoredCapture } from '../../../src/core/store/captures';
import { startCaptureApp, type RunningCapture } from '../../helpers/capture-app';
import { tempDir } from '../../helpers/temp-dir';
import { rawRequest } from '../../helpers/raw-http';
import { deadPort, pryntHeaders, sendRaw, startTarget } from './support';

const SECRET = 'whsec_roundtrip';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let source: RunningCapture;
const ids: number[] = [];
let exported = '';

/** Everything a capture is, apart from its id, endpoint id and verdict (the folder importing it gives its own). */
function essence(c: StoredCapture) {
  return {
    endpoint: c.endpoint,
    receivedAt: c.receivedAt,
    method: c.method,
    url: c.url,
    path: c.path,
    query: c.query,
    httpVersion: c.httpVersion,
    remoteAddress: c.remoteAddress,
    remotePort: c.remotePort,
    headers: c.headers,
    bodySha256: sha(c.body),
    storedSha256: c.bodySha256,
    bodySize: c.bodySize,
    truncated: c.truncated,
    error: c.error,
    response: c.response,
  };
}

function replaysOf(app: App, id: number) {
  return app.replay.list(id).map(({ id: _id, captureId: _c, ...rest }) => rest);
}

function openApp(dir: string): App {
  return createApp({ dataDir: dir });
}

beforeAll(async () => {
  source = await startCaptureApp({ bodyLimit: 2048 });
  const app = source.app;
  app.createEndpoint('prynt', { ...app.endpoints.get('default').rule, status: 202 }, 'prynt');
  app.setEndpointSecrets('prynt', [SECRET]);
  app.createEndpoint('misc');
  app.createEndpoint('resetting', { ...app.endpoints.get('default').rule, reset: true });

  const body = JSON.stringify({
    webhookId: 'wh_1',
    eventId: 'evt_1',
    eventType: 'visitor.new',
    apiVersion: '2026-01-15',
    createdAt: '2026-02-14T11:45:22.341Z',
    idempotencyKey: 'idk_1',
    data: {},
  });
  ids.push(
    (
      await sendRaw(source.port, {
        path: '/prynt/hook?x=1',
        headers: pryntHeaders(SECRET, body, Math.floor(Date.now() / 1000)),
        body,
      })
    ).id,
  );
  ids.push(
    (
      await sendRaw(source.port, {
        method: 'PUT',
        path: '/misc/bin',
        headers: [
          ['x-Dup', '1'],
          ['X-DUP', '2'],
          ['x-dup', ''],
          ['Content-Type', 'application/octet-stream'],
        ],
        body: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
      })
    ).id,
  );
  ids.push(
    (
      await sendRaw(source.port, {
        path: '/misc/gz',
        headers: [
          ['Content-Encoding', 'gzip'],
          ['Content-Type', 'application/json'],
        ],
        body: gzipSync('{"zipped":true}'),
      })
    ).id,
  );
  ids.push((await sendRaw(source.port, { method: 'GET', path: '/anything/else', headers: [] })).id);
  ids.push((await sendRaw(source.port, { path: '/misc/big', headers: [], body: Buffer.alloc(5000, 0xab) })).id);
  await rawRequest(source.port, ['POST /resetting/ HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi']);
  ids.push(app.captures.maxId());
  ids.push(
    (await sendRaw(source.port, { path: '/misc/empty', headers: [['Content-Type', 'text/plain']], body: '' })).id,
  );

  // Replays: one answered, one to a dead port; and a live forward.
  const t = await startTarget((_h, res) => res.writeHead(207, { 'X-T': '1' }).end(Buffer.from([0, 1, 2])));
  await app.replay.replay(ids[0], { url: t.url, resign: true });
  await app.replay.replay(ids[1], { url: `http://127.0.0.1:${await deadPort()}/` });
  app.replay.setForward('misc', t.url);
  ids.push((await sendRaw(source.port, { path: '/misc/fwd', headers: [], body: 'forward me' })).id);
  for (let i = 0; i < 100 && app.replay.list(ids.at(-1)!).length === 0; i++)
    await new Promise((r) => setTimeout(r, 20));
  await t.close();
  exported = [...app.replay.ndjson({})].join('\n');
});
afterAll(() => source.close());

describe('NDJSON export and import', () => {
  it('imported into an empty folder, gives back every capture, byte for byte, with replays, verified here', async () => {
    const dir = tempDir();
    const target = openApp(dir.path);
    try {
      const report = await target.replay.importText(exported);
      expect(report).toMatchObject({ format: 'ndjson', captures: ids.length, skipped: 0, replays: 3 });
      expect(report.endpointsCreated.sort()).toEqual(['misc', 'prynt', 'resetting']);
      target.drainBackground();
      for (const oldId of ids) {
        const before = source.app.captures.get(oldId);
        const after = target.captureAnalyzed(report.idMap[String(oldId)]);
        expect(essence(after)).toEqual(essence(before));
        expect(after.body.equals(before.body)).toBe(true);
        const replaysBefore = replaysOf(source.app, oldId);
        expect(replaysOf(target, after.id)).toEqual(replaysBefore);
      }
      // The verdict is this folder's, never the file's: prynt's signature was valid there, here there is no secret to check it.
      expect(source.app.captureAnalyzed(ids[0]).signatureStatus).toBe('valid');
      expect(target.captureAnalyzed(report.idMap[String(ids[0])])).toMatchObject({
        provider: 'prynt',
        signatureStatus: 'no-secret',
      });
      expect(target.endpoints.get('prynt')).toMatchObject({
        provider: 'prynt',
        forwardUrl: null,
        rule: { status: 202 },
      });
      expect(target.endpoints.get('resetting').rule.reset).toBe(true);
      // The export of the import is the same export, but for ids.
      const again = [...target.replay.ndjson({})].slice(1).map((l) => JSON.parse(l));
      const first = exported
        .split('\n')
        .slice(1)
        .map((l) => JSON.parse(l));
      // Ids are new, verdicts are this folder's, and an import never turns forwarding on (the file still says where it went).
      const strip = (o: Record<string, unknown>) => {
        const {
          id: _id,
          replays,
          forwardUrl: _f,
          provider: _p,
          eventType: _e,
          signatureStatus: _s,
          signature: _sig,
          ...rest
        } = o as {
          id: number;
          forwardUrl?: string;
          replays?: { id: number }[];
          provider?: unknown;
          eventType?: unknown;
          signatureStatus?: unknown;
          signature?: unknown;
        };
        return { ...rest, replays: replays?.map(({ id: _r, ...r }) => r) };
      };
      expect(first.find((r) => r.slug === 'misc').forwardUrl).toMatch(/^http:/);
      expect(target.endpoints.get('misc').forwardUrl).toBeNull();
      expect(again.map(strip)).toEqual(first.map(strip));
    } finally {
      await target.close();
      dir.remove();
    }
  });

  it('remaps ids into a folder that has captures, and a second import adds nothing', async () => {
    const dir = tempDir();
    const target = openApp(dir.path);
    try {
      const address = await target.startCapture(0, '127.0.0.1');
      const existing = [
        (await sendRaw(address.port, { path: '/x', headers: [], body: 'a' })).id,
        (await sendRaw(address.port, { path: '/y', headers: [], body: 'b' })).id,
      ];
      const report = await target.replay.importText(exported);
      for (const oldId of ids) {
        const newId = report.idMap[String(oldId)];
        expect(newId).toBeGreaterThan(Math.max(...existing));
        expect(essence(target.captures.get(newId))).toEqual(essence(source.app.captures.get(oldId)));
      }
      expect(target.captures.get(existing[0]).body.toString()).toBe('a');
      const count = target.captures.count();
      expect(count).toBe(existing.length + ids.length);
      const second = await target.replay.importText(exported);
      expect(second).toMatchObject({ captures: 0, replays: 0, skipped: ids.length, endpointsCreated: [] });
      expect(target.captures.count()).toBe(count);
    } finally {
      await target.close();
      dir.remove();
    }
  });

  it('refuses a damaged file with the line and field at fault, and changes nothing', async () => {
    const dir = tempDir();
    const target = openApp(dir.path);
    try {
      const lines = exported.split('\n');
      const captureLine = lines.findIndex((l) => l.includes('"type":"capture"'));
      const altered = [...lines];
      const record = JSON.parse(altered[captureLine]);
      record.bodyBase64 = Buffer.from('tampered').toString('base64');
      altered[captureLine] = JSON.stringify(record);
      const endpointsBefore = target.endpoints.list().length;
      await expect(target.replay.importText(altered.join('\n'))).rejects.toThrow(
        expect.objectContaining({
          code: 'IMPORT_INVALID',
          message: expect.stringContaining(`line ${captureLine + 1}: capture ${record.id}: bodySha256 does not match`),
        }),
      );
      const bad = [...lines];
      bad[bad.length - 1] = '{"type":"capture","id":"x"}';
      await expect(target.replay.importText(bad.join('\n'))).rejects.toThrow(
        expect.objectContaining({
          code: 'IMPORT_INVALID',
          message: expect.stringMatching(new RegExp(`^line ${bad.length}: capture: id:`)),
        }),
      );
      await expect(target.replay.importText('hello')).rejects.toThrow(
        expect.objectContaining({ code: 'IMPORT_INVALID' }),
      );
      await expect(target.replay.importText('{"type":"capture"}')).rejects.toThrow(
        expect.objectContaining({ message: expect.stringMatching(/^line 1: not a Hookscope export header/) }),
      );
      expect(target.captures.count()).toBe(0);
      expect(target.endpoints.list()).toHaveLength(endpointsBefore);
    } finally {
      await target.close();
      dir.remove();
    }
  });

  it('exports a selection: by endpoint, since a time, or ids, oldest first', () => {
    const app = source.app;
    const lines = (sel: Parameters<typeof app.replay.ndjson>[0]) =>
      [...app.replay.ndjson(sel)].map((l) => JSON.parse(l));
    const misc = lines({ endpoint: 'misc' });
    expect(misc.filter((r) => r.type === 'endpoint').map((r) => r.slug)).toEqual(['misc']);
    expect(misc.filter((r) => r.type === 'capture').every((r) => r.endpoint === 'misc')).toBe(true);
    expect(lines({ since: Date.now() + 60_000 }).filter((r) => r.type === 'capture')).toEqual([]);
    expect(
      lines({ ids: [ids[2], ids[0]] })
        .filter((r) => r.type === 'capture')
        .map((r) => r.id),
    ).toEqual([ids[0], ids[2]]);
    expect(() => app.replay.exportIds({ endpoint: 'nope' })).toThrow(
      expect.objectContaining({ code: 'ENDPOINT_NOT_FOUND' }),
    );
  });
});
