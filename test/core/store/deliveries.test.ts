import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../src/core/store/db';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import type { DeliveryPolicy, PreparedRequest } from '../../../src/core/sender/types';
import { tempDir } from '../../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
const dbs: Db[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.open && db.close());
  dirs.splice(0).forEach((d) => d.remove());
});

function dbFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'hookscope.db');
}

function open(file: string, targetVersion?: number): Db {
  const db = openDatabase({ file, targetVersion });
  dbs.push(db);
  return db;
}

const policy: DeliveryPolicy = {
  timeoutMs: 10_000,
  success: '2xx',
  retryDelaysMs: [300_000, 1_800_000],
  afterFailure: 'failed',
  disableAfterFailingMs: 86_400_000,
};
const body = Uint8Array.from([0x7b, 0x00, 0xff, 0xfe, 0x7d]); // not UTF-8: bodies are bytes
const request: PreparedRequest = {
  method: 'POST',
  headers: [
    ['X-A', '1'],
    ['x-a', '2'],
  ],
  body,
};

function seed(file: string) {
  const repo = createDeliveryRepo(open(file));
  const webhook = repo.upsertWebhook('prynt', 'http://127.0.0.1:1/hook', 'whsec_1', 1000);
  const { deliveryId, attemptId } = repo.createDelivery(
    {
      webhookId: webhook.id,
      provider: 'prynt',
      eventType: 'visitor.new',
      eventId: 'evt_1',
      url: webhook.url,
      policy,
      body,
      createdAt: 1000,
    },
    { scheduledAt: 1000, dueAt: 1000 },
  );
  return { repo, webhook, deliveryId, attemptId };
}

describe('migration 003', () => {
  it('adds the sender tables on top of version 2 and sets user_version', () => {
    const file = dbFile();
    const v2 = open(file, 2);
    expect(v2.pragma('user_version', { simple: true })).toBe(2);
    v2.close();
    const db = open(file);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(3);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
      (t) => t.name,
    );
    expect(tables).toEqual(expect.arrayContaining(['webhooks', 'deliveries', 'delivery_attempts']));
  });
});

describe('delivery repository', () => {
  it('stores a delivery with its first attempt; bodies and headers come back byte for byte', () => {
    const { repo, deliveryId, attemptId } = seed(dbFile());
    const d = repo.delivery(deliveryId);
    expect(d).toMatchObject({
      provider: 'prynt',
      eventType: 'visitor.new',
      eventId: 'evt_1',
      status: 'pending',
      policy,
    });
    expect(Buffer.compare(d.body, Buffer.from(body))).toBe(0);
    expect(repo.attempts(deliveryId)).toEqual([
      expect.objectContaining({ id: attemptId, n: 1, ladderIndex: 1, trigger: 'ladder', state: 'scheduled' }),
    ]);
    expect(repo.claim(attemptId, 'me', 1001, 20_000, request)).toBe(true);
    const claimed = repo.attempt(attemptId)!;
    expect(claimed.request!.headers).toEqual([
      ['X-A', '1'],
      ['x-a', '2'],
    ]);
    expect(Buffer.compare(claimed.request!.body as Buffer, Buffer.from(body))).toBe(0);
  });

  it('a webhook is one per (provider, url); a secret given replaces the old one, none keeps it', () => {
    const { repo, webhook } = seed(dbFile());
    expect(repo.upsertWebhook('prynt', webhook.url, undefined, 2000)).toMatchObject({
      id: webhook.id,
      secret: 'whsec_1',
    });
    expect(repo.upsertWebhook('prynt', webhook.url, 'whsec_2', 2000)).toMatchObject({
      id: webhook.id,
      secret: 'whsec_2',
    });
    expect(repo.upsertWebhook('lmif', webhook.url, undefined, 2000).id).not.toBe(webhook.id);
    expect(() => repo.webhook(999)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('an attempt is claimed once, even from two connections to the same file', () => {
    const file = dbFile();
    const { repo, attemptId } = seed(file);
    const other = createDeliveryRepo(open(file));
    expect(other.claim(attemptId, 'B', 1000, 20_000, request)).toBe(true);
    expect(repo.claim(attemptId, 'A', 1000, 20_000, request)).toBe(false);
    expect(repo.attempt(attemptId)).toMatchObject({
      state: 'in_flight',
      claimedBy: 'B',
      sentAt: 1000,
      leaseUntil: 20_000,
    });
  });

  it('records an outcome only for an attempt in flight, once', () => {
    const { repo, attemptId } = seed(dbFile());
    const outcome = {
      requestHeaders: [
        ['X-A', '1'],
        ['Host', 'h'],
      ] as [string, string][],
      status: 503,
      responseHeaders: [['Retry-After', '1']] as [string, string][],
      responseBody: new TextEncoder().encode('busy'),
      responseSize: 4,
      durationMs: 12,
      ok: false,
      errorKind: 'status' as const,
      errorMessage: null,
    };
    expect(repo.record(attemptId, outcome)).toBe(false);
    repo.claim(attemptId, 'me', 1000, 20_000, request);
    expect(repo.record(attemptId, outcome)).toBe(true);
    expect(repo.record(attemptId, outcome)).toBe(false);
    expect(repo.attempt(attemptId)).toMatchObject({
      state: 'done',
      leaseUntil: null,
      status: 503,
      responseHeaders: [['Retry-After', '1']],
      durationMs: 12,
      ok: false,
      errorKind: 'status',
      request: {
        headers: [
          ['X-A', '1'],
          ['Host', 'h'],
        ],
      },
    });
  });

  it('finds expired claims of other senders only', () => {
    const { repo, attemptId } = seed(dbFile());
    repo.claim(attemptId, 'dead', 1000, 5000, request);
    expect(repo.expiredClaims(4999, 'me')).toEqual([]);
    expect(repo.expiredClaims(5000, 'dead')).toEqual([]);
    expect(repo.expiredClaims(5000, 'me').map((a) => a.id)).toEqual([attemptId]);
  });

  it('finds the earliest lease still running on a claim of another sender', () => {
    const { repo, webhook, attemptId } = seed(dbFile());
    const other = repo.createDelivery(
      {
        webhookId: webhook.id,
        provider: 'prynt',
        eventType: 'x',
        eventId: null,
        url: webhook.url,
        policy,
        body,
        createdAt: 1000,
      },
      { scheduledAt: 1000, dueAt: 1000 },
    ).attemptId;
    expect(repo.nextForeignLease(0, 'me')).toBeUndefined();
    repo.claim(attemptId, 'dead', 1000, 5000, request);
    repo.claim(other, 'me', 1000, 3000, request);
    expect(repo.nextForeignLease(1000, 'me')).toBe(5000); // its own claim does not count
    expect(repo.nextForeignLease(1000, 'dead')).toBe(3000);
    expect(repo.nextForeignLease(5000, 'me')).toBeUndefined(); // run out: expiredClaims' business
  });

  it('reads waiting attempts in (due time, id) order from a cursor, a page at a time', () => {
    const { repo, webhook, attemptId: first } = seed(dbFile()); // due 1000
    const add = (dueAt: number) =>
      repo.createDelivery(
        {
          webhookId: webhook.id,
          provider: 'prynt',
          eventType: 'x',
          eventId: null,
          url: webhook.url,
          policy,
          body,
          createdAt: 0,
        },
        { scheduledAt: dueAt, dueAt },
      ).attemptId;
    const a = add(500);
    const b = add(1000);
    const c = add(2000);
    const claimed = add(100);
    repo.claim(claimed, 'me', 0, 9000, request);
    const all = [
      { id: a, dueAt: 500 },
      { id: first, dueAt: 1000 },
      { id: b, dueAt: 1000 },
      { id: c, dueAt: 2000 },
    ];
    expect(repo.scheduledAfter(null, 10)).toEqual(all);
    expect(repo.scheduledAfter(null, 2)).toEqual(all.slice(0, 2));
    expect(repo.scheduledAfter(all[1], 10)).toEqual(all.slice(2)); // same due time, later id
    expect(repo.scheduledAfter(all[3], 10)).toEqual([]);
  });

  it('re-scales every waiting due time from now, as rescaleDue does', () => {
    const { repo, webhook, attemptId } = seed(dbFile()); // due 1000
    const later = repo.createDelivery(
      {
        webhookId: webhook.id,
        provider: 'prynt',
        eventType: 'x',
        eventId: null,
        url: webhook.url,
        policy,
        body,
        createdAt: 0,
      },
      { scheduledAt: 0, dueAt: 10_001 },
    ).attemptId;
    repo.rescaleScheduled(2000, 1, 4); // already due: stays now; 8001 ms left -> 2000.25 -> 2000
    expect([repo.attempt(attemptId)!.dueAt, repo.attempt(later)!.dueAt]).toEqual([2000, 4000]);
    repo.rescaleScheduled(2000, 3, 1); // 2000 ms left -> 6000
    expect(repo.attempt(later)!.dueAt).toBe(8000);
    expect(Number.isInteger(repo.attempt(later)!.dueAt)).toBe(true);
  });

  it('lists, filters and finds failed deliveries by creation time', () => {
    const { repo, webhook, deliveryId } = seed(dbFile());
    const second = repo.createDelivery(
      {
        webhookId: webhook.id,
        provider: 'prynt',
        eventType: 'x',
        eventId: null,
        url: webhook.url,
        policy,
        body,
        createdAt: 5000,
      },
      { scheduledAt: 5000, dueAt: 5000 },
    ).deliveryId;
    repo.finishDelivery(deliveryId, 'failed', 'exhausted', 3000);
    repo.finishDelivery(second, 'failed', 'exhausted', 6000);
    expect(repo.failedSince(0)).toEqual([deliveryId, second]);
    expect(repo.failedSince(4000)).toEqual([second]);
    expect(repo.failedSince(0, webhook.id + 1)).toEqual([]);
    const list = repo.listDeliveries({ status: 'failed' });
    expect(list.map((d) => [d.id, d.bodySize, d.attemptCount, d.nextDueAt])).toEqual([
      [second, body.length, 0, 5000],
      [deliveryId, body.length, 0, 1000],
    ]);
    expect(repo.listDeliveries({ provider: 'lmif' })).toEqual([]);
    repo.reopenDelivery(deliveryId);
    expect(repo.delivery(deliveryId)).toMatchObject({ status: 'pending', failureReason: null, finishedAt: null });
  });

  it('disables and re-enables a webhook, clearing its failing streak', () => {
    const { repo, webhook } = seed(dbFile());
    repo.setStreak(webhook.id, 10, 20);
    repo.disableWebhook(webhook.id, 30, 'failing');
    expect(repo.webhook(webhook.id)).toMatchObject({
      enabled: false,
      failingSince: 10,
      failingLast: 20,
      disabledAt: 30,
      disabledReason: 'failing',
    });
    repo.enableWebhook(webhook.id);
    expect(repo.webhook(webhook.id)).toMatchObject({
      enabled: true,
      failingSince: null,
      failingLast: null,
      disabledAt: null,
      disabledReason: null,
    });
  });
});
