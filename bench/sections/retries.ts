// 100,000 pending retries armed at once (a sender resuming a full database),
// due over a window: how late each one is claimed and sent. The HTTP attempt
// is answered in-process (200 at once), so this measures the engine's timers
// and claims, not a network.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCheckpointer } from '../../src/core/store/checkpointer';
import { openDatabase } from '../../src/core/store/db';
import { createDeliveryRepo } from '../../src/core/store/deliveries';
import { createSender, createRegistryAdapter, type AttemptFn } from '../../src/core/sender';
import { round, spread, type Spread } from '../stats';

export interface RetriesResult {
  retries: number;
  windowSeconds: number;
  /** Time to store them (setup, not measured against a target). */
  storeSeconds: number;
  /** Time resume() blocks: it arms the first slice; the rest are armed a slice per turn of the event loop, ahead of their due time. */
  armMs: number;
  fired: number;
  delivered: number;
  /** Engine errors (a claim or settle that failed); each is tried again after a backoff, so a count here means slower, not lost. */
  engineErrors: number;
  lateMs: Spread;
  /** Attempts per second the engine got through once they were due (fired / (last send - first due)). */
  sustainedPerSec: number;
  /** p99 lateness (ms) of each tenth of the window, in due order: a backlog that builds shows here. */
  lateP99ByTenth: number[];
}

const answered: AttemptFn = async (_url, request) => ({
  ok: true,
  request,
  status: 200,
  responseHeaders: [],
  responseBody: new Uint8Array(),
  responseSize: 0,
  durationMs: 0,
  errorKind: null,
  errorMessage: null,
});

export async function benchRetries(options: {
  retries: number;
  windowSeconds: number;
  leadSeconds: number;
}): Promise<RetriesResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hookscope-bench-retries-'));
  const file = join(dir, 'hookscope.db');
  const db = openDatabase({ file });
  try {
    const repo = createDeliveryRepo(db);
    const adapter = createRegistryAdapter();
    const policy = adapter.policy('standard-webhooks');
    const now = Date.now();
    const { body, eventId } = adapter.createBody('standard-webhooks', 'user.created', undefined, now);
    const webhook = repo.upsertWebhook(
      'standard-webhooks',
      'http://127.0.0.1:9/hook',
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      now,
    );
    const step = (options.windowSeconds * 1000) / options.retries;
    const waiting: { deliveryId: number; attemptId: number }[] = [];
    const failure = {
      requestHeaders: null,
      status: 500,
      responseHeaders: [],
      responseBody: new Uint8Array(),
      responseSize: 0,
      durationMs: 1,
      ok: false,
      errorKind: 'status' as const,
      errorMessage: null,
    };
    let t = performance.now();
    repo.transaction(() => {
      for (let i = 0; i < options.retries; i++) {
        const { deliveryId, attemptId } = repo.createDelivery(
          {
            webhookId: webhook.id,
            provider: 'standard-webhooks',
            eventType: 'user.created',
            eventId,
            url: webhook.url,
            policy,
            body,
            createdAt: now,
          },
          { scheduledAt: now, dueAt: now },
        );
        // The first attempt failed; the retry is waiting on the ladder.
        repo.claim(attemptId, 'bench-setup', now, now, { method: 'POST', headers: [], body });
        repo.record(attemptId, failure);
        const later = now + 86_400_000; // set below, once everything is stored
        waiting.push({
          deliveryId,
          attemptId: repo.insertAttempt({
            deliveryId,
            n: 2,
            ladderIndex: 2,
            trigger: 'ladder',
            scheduledAt: later,
            dueAt: later,
          }),
        });
      }
    });
    const storeSeconds = (performance.now() - t) / 1000;
    // Due times start after the lead (arming is not lateness) and spread evenly over the window.
    const t0 = Date.now() + options.leadSeconds * 1000;
    const dueOf = new Map<number, number>();
    repo.transaction(() =>
      waiting.forEach((w, i) => {
        const due = Math.round(t0 + i * step);
        dueOf.set(w.deliveryId, due);
        repo.setDue(w.attemptId, due, 'ladder');
      }),
    );
    // Fold the setup's WAL into the database now, as the app's checkpoint worker would have,
    // so the first claim does not pay for copying it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    // As in the app: WAL checkpoints on their own thread, not inside a claim.
    const checkpointer = startCheckpointer(db, file);

    const late: number[] = [];
    const lateByTenth: number[][] = Array.from({ length: 10 }, () => []);
    let lastSent = 0;
    let delivered = 0;
    let engineErrors = 0;
    t = performance.now();
    const sender = createSender({
      deliveries: createDeliveryRepo(db),
      attempt: answered,
      providers: adapter,
      resumePending: false,
    });
    sender.on((e) => {
      if (e.type === 'attempt-started') {
        const due = dueOf.get(e.deliveryId)!;
        late.push(Date.parse(e.sentAt) - due);
        lateByTenth[Math.min(9, Math.max(0, Math.floor(((due - t0) / (options.windowSeconds * 1000)) * 10)))].push(
          Date.parse(e.sentAt) - due,
        );
        lastSent = Date.parse(e.sentAt);
      }
      if (e.type === 'delivery-finished') delivered++;
      if (e.type === 'engine-error' && engineErrors++ === 0)
        process.stderr.write(`  retries: engine error: ${e.error.message}\n`);
    });
    sender.resume();
    const armMs = performance.now() - t;
    // Wait until all are delivered, or nothing has moved for 10 s after the window (an attempt
    // the engine dropped stays pending), and never past the window plus two minutes.
    const hardStop = t0 + options.windowSeconds * 1000 + 120_000;
    let seen = -1;
    let stillSince = Date.now();
    while (delivered < options.retries && Date.now() < hardStop) {
      await new Promise((r) => setTimeout(r, 500));
      if (delivered !== seen) [seen, stillSince] = [delivered, Date.now()];
      else if (Date.now() > t0 + options.windowSeconds * 1000 && Date.now() - stillSince > 10_000) break;
    }
    await sender.stop();
    await checkpointer.stop();
    const s = spread(late);
    return {
      retries: options.retries,
      windowSeconds: options.windowSeconds,
      storeSeconds: round(storeSeconds),
      armMs: round(armMs),
      fired: late.length,
      delivered,
      engineErrors,
      lateMs: { n: s.n, p50: round(s.p50), p99: round(s.p99), max: round(s.max) },
      sustainedPerSec: Math.round(late.length / Math.max(0.001, (lastSent - t0) / 1000)),
      lateP99ByTenth: lateByTenth.map((l) => round(spread(l).p99)),
    };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
