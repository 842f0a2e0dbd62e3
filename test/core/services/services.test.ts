import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { createCaptureWrites } from '../../../src/core/services/capture-writes';
import type { NewCapture } from '../../../src/core/store/captures';
import { isHookscopeError } from '../../../src/shared/errors';
import { tempDir } from '../../helpers/temp-dir';

// The services app.ts wires, through the App as the shells see it.

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

function row(endpointId: number, headers: [string, string][] = []): NewCapture {
  const bytes = Buffer.from('{"type":"x"}');
  return {
    endpointId,
    receivedAt: Date.now(),
    method: 'POST',
    url: 'http://h/x',
    path: '/x',
    query: '',
    httpVersion: '1.1',
    remoteAddress: '127.0.0.1',
    remotePort: 1,
    headers,
    body: bytes,
    bodySize: bytes.length,
    bodySha256: 'x',
    truncated: false,
    error: null,
    response: { kind: 'answered', status: 200, headers: [], body: '', delayMs: 0 },
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isHookscopeError(error) ? error.code : `uncoded: ${String(error)}`;
  }
  return undefined;
}

describe('endpoint service', () => {
  it('creates nothing and says nothing when a retention limit is bad', () => {
    const app = openApp();
    const heard: string[] = [];
    app.events.subscribe((event) => heard.push(event));
    expect(codeOf(() => app.endpoints.create('shop', undefined, null, { keepCount: -1 }))).toBe('BAD_INPUT');
    expect(app.endpoints.find('shop')).toBeUndefined();
    expect(heard).toEqual([]);
    const created = app.endpoints.create('shop', undefined, null, { keepCount: 5 });
    expect(created.retention).toEqual({ keepCount: 5, keepDays: null });
    expect(heard).toEqual(['endpoints.changed']);
  });

  it("has an endpoint's captures verified again when its provider changes, not when only its rule does", () => {
    const app = openApp();
    const endpoint = app.endpoints.create('hooks');
    const [id] = app.captures.insertMany([row(endpoint.id)]);
    app.analysis.analyzeAll();
    expect(app.captures.get(id).staleVerdict).toBe(false);
    app.endpoints.update('hooks', { rule: { ...endpoint.rule, status: 202 } });
    expect(app.captures.get(id).staleVerdict).toBe(false);
    app.endpoints.update('hooks', { provider: 'stripe' });
    expect(app.captures.get(id).staleVerdict).toBe(true);
    expect(app.captures.detail(id).provider).toBe('stripe');
    expect(app.captures.get(id).staleVerdict).toBe(false);
  });
});

describe('secret service', () => {
  it('adds or replaces secrets, counts them, and marks verdicts stale', () => {
    const app = openApp();
    const endpoint = app.endpoints.create('signed', undefined, 'stripe');
    const [id] = app.captures.insertMany([row(endpoint.id)]);
    app.analysis.analyzeAll();
    app.secrets.set('signed', ['whsec_a']);
    app.secrets.set('signed', ['whsec_b'], 'add');
    expect(app.secrets.list(endpoint.id)).toEqual(['whsec_a', 'whsec_b']);
    expect(app.captures.get(id).staleVerdict).toBe(true);
    app.secrets.set('signed', ['whsec_c']);
    expect(app.secrets.list(endpoint.id)).toEqual(['whsec_c']);
    expect(app.secrets.unreadable(endpoint.id)).toBe(0);
    expect(codeOf(() => app.secrets.set('missing', ['x']))).toBe('ENDPOINT_NOT_FOUND');
  });
});

describe('capture service', () => {
  it('reads a capture with its verdict computed on demand, its body and search hits', () => {
    const app = openApp();
    const endpoint = app.endpoints.create('read', undefined, 'stripe');
    const [id] = app.captures.insertMany([row(endpoint.id, [['Content-Type', 'application/json']])]);
    // The background has not run: detail analyzes now.
    expect(app.captures.detail(id)).toMatchObject({ id, provider: 'stripe' });
    expect(app.captures.body(id)).toEqual({
      bodyBase64: Buffer.from('{"type":"x"}').toString('base64'),
      size: 12,
      decoded: [],
      error: null,
      isText: true,
    });
    app.drainBackground();
    expect(app.captures.search('type').map((c) => c.id)).toEqual([id]);
    expect(app.captures.search('absent')).toEqual([]);
    expect(app.captures.count()).toBe(1);
  });
});

describe('capture writes', () => {
  it('after a write finds the file damaged, refuses every later write without touching the store', () => {
    let calls = 0;
    const writes = createCaptureWrites(
      {
        insertMany: () => {
          calls++;
          throw Object.assign(new Error('database disk image is malformed'), { code: 'SQLITE_CORRUPT' });
        },
      },
      '/data/hookscope.db',
    );
    expect(codeOf(() => writes.insertMany([]))).toBe('DB_CORRUPT');
    expect(writes.damaged()?.message).toMatch(/hookscope\.db is damaged/);
    expect(codeOf(() => writes.insertMany([]))).toBe('DB_CORRUPT');
    expect(calls).toBe(1);
  });

  it('a full disk fails that batch only', () => {
    let full = true;
    const writes = createCaptureWrites(
      {
        insertMany: (rows) => {
          if (full) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
          return rows.map((_, i) => i + 1);
        },
      },
      '/data/hookscope.db',
    );
    expect(codeOf(() => writes.insertMany([]))).toBe('DB_DISK_FULL');
    full = false;
    expect(writes.insertMany([row(1)])).toEqual([1]);
    expect(writes.damaged()).toBeUndefined();
  });
});

describe('delivery engines', () => {
  it('one shared engine, a fresh one per command, and close() stops them all', async () => {
    const app = openApp();
    expect(app.sender()).toBe(app.sender());
    const command = app.commandSender({ speed: 60, hold: true });
    expect(command).not.toBe(app.sender());
    expect(app.commandSender()).not.toBe(command);
    await app.close();
    const send = () =>
      command.send({
        provider: 'stripe',
        eventType: 'payment_intent.succeeded',
        url: 'http://127.0.0.1:9/',
        secret: 'whsec_x',
      });
    expect(codeOf(send)).toBe('SENDER_STOPPED');
  });
});
