// Migration 012: what a delivery signs with, what each attempt signed, and
// holds on waiting attempts. Rows written before it read as they did (real
// timestamps, the provider's default form, no hold, not paused).
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/store/db';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import { tempDir } from '../../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});
function dbFile(): string {
  const dir = tempDir('hookscope-m012-');
  dirs.push(dir);
  return join(dir.path, 'hookscope.db');
}

const POLICY = { timeoutMs: 10_000, success: '2xx', retryDelaysMs: [300_000], afterFailure: 'failed' };

describe('migration 012', () => {
  it('is version 12 and keeps a delivery stored before it readable, as real-clock, default-form, unheld, not paused', () => {
    const file = dbFile();
    const before = openDatabase({ file, targetVersion: 9 });
    before
      .prepare("INSERT INTO webhooks (provider, url, secret, created_at) VALUES ('prynt', 'http://h/x', 's', 1)")
      .run();
    before
      .prepare(
        "INSERT INTO deliveries (webhook_id, provider, event_type, url, policy, body, created_at) VALUES (1, 'prynt', 'e', 'http://h/x', ?, x'7b7d', 1)",
      )
      .run(JSON.stringify(POLICY));
    before
      .prepare(
        "INSERT INTO delivery_attempts (delivery_id, n, ladder_index, trigger, scheduled_at, due_at) VALUES (1, 1, 1, 'ladder', 5, 5)",
      )
      .run();
    before.close();

    const db = openDatabase({ file, targetVersion: 12 });
    expect(db.pragma('user_version', { simple: true })).toBe(12);
    const repo = createDeliveryRepo(db);
    expect(repo.delivery(1)).toMatchObject({
      status: 'pending',
      signatureForm: null,
      timestamps: 'real',
      pausedAt: null,
    });
    expect(repo.attempt(1)).toMatchObject({ signedTimestamp: null, signature: null, heldBy: null, heldUntil: null });
    expect(repo.scheduledAfter(null, 10, 'anyone')).toEqual([{ id: 1, dueAt: 5 }]);
    expect(() => db.prepare("UPDATE deliveries SET timestamps = 'sometimes' WHERE id = 1").run()).toThrow(/CHECK/);
    db.close();
  });

  it('a held attempt is armed only by its holder; once its hold ends it is found through the new index', () => {
    const db = openDatabase({ file: dbFile() });
    const repo = createDeliveryRepo(db);
    const webhook = repo.upsertWebhook('prynt', 'http://h/x', 's', 1);
    const { deliveryId, attemptId } = repo.createDelivery(
      {
        webhookId: webhook.id,
        provider: 'prynt',
        eventType: 'e',
        eventId: null,
        url: 'http://h/x',
        policy: POLICY as never,
        body: new Uint8Array([1]),
        createdAt: 1,
        signatureForm: 'plain',
        timestamps: 'provider',
      },
      { scheduledAt: 100, dueAt: 100, hold: { by: 'cli', until: 200 } },
    );
    expect(repo.delivery(deliveryId)).toMatchObject({ signatureForm: 'plain', timestamps: 'provider' });
    expect(repo.scheduledAfter(null, 10, 'serve')).toEqual([]);
    expect(repo.scheduledAfter(null, 10, 'cli')).toEqual([{ id: attemptId, dueAt: 100 }]);
    expect(repo.endedHolds(199, 'serve')).toEqual([]);
    expect(repo.nextHoldEnd(150, 'serve')).toBe(200);
    expect(repo.endedHolds(200, 'serve').map((a) => a.id)).toEqual([attemptId]);
    expect(repo.endedHolds(200, 'cli')).toEqual([]); // its own hold is never "ended" for the holder

    expect(repo.release(deliveryId, 'cli', 150, true)).toBe(1);
    expect(repo.delivery(deliveryId)).toMatchObject({ status: 'paused', pausedAt: 150 });
    expect(repo.listDeliveries({ status: 'paused' }).map((d) => d.id)).toEqual([deliveryId]);
    expect(repo.listDeliveries({ status: 'pending' })).toEqual([]);
    expect(repo.endedHolds(150, 'serve').map((a) => a.id)).toEqual([attemptId]);
    expect(repo.takeOver({ id: attemptId, deliveryId }, null)).toBe(true);
    expect(repo.delivery(deliveryId)).toMatchObject({ status: 'pending', pausedAt: null });
    expect(repo.scheduledAfter(null, 10, 'serve')).toEqual([{ id: attemptId, dueAt: 100 }]);

    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT * FROM delivery_attempts WHERE state = 'scheduled' AND held_until IS NOT NULL AND held_until <= ? AND held_by IS NOT ? ORDER BY held_until, id`,
        )
        .all(0, 'x') as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' | ');
    expect(plan).toMatch(/attempts_held_by_end/);
    // Arming still reads the waiting attempts in due order from 007's index, the hold only filtering rows.
    const arming = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT id, due_at FROM delivery_attempts WHERE state = 'scheduled' AND (due_at, id) > (?, ?)
         AND (held_until IS NULL OR held_by = ?) ORDER BY due_at, id LIMIT ?`,
        )
        .all(0, 0, 'x', 10) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' | ');
    expect(arming).toMatch(/attempts_scheduled_by_due/);
    expect(arming).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
