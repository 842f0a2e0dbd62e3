// When another connection holds SQLite's write lock at the moment an attempt is
// claimed (in `serve`, the checkpoint worker's RESTART checkpoint does, from its
// own thread), the sender must wait through the busy timeout and go on, never
// drop the attempt. Its transactions are IMMEDIATE, so the write lock is taken
// before anything is read and a concurrent commit cannot turn the upgrade into
// an immediate SQLITE_BUSY_SNAPSHOT. A lock held past the busy timeout fails
// the claim; the engine tries it again on its own after a backoff.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/core/app';
import { tempDir } from '../helpers/temp-dir';
import { eventually } from './support/rows';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

describe('a sender meeting a busy database', () => {
  it('claims the attempt once the write lock is free and delivers', async () => {
    const server = createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const app = createApp({ dataDir: dir.path });
    cleanups.push(() => app.close());
    const sender = app.sender();
    const errors: string[] = [];
    sender.on((e) => e.type === 'engine-error' && errors.push(e.error.message));

    // Another process takes the write lock and holds it for 300 ms, as the checkpoint
    // worker's RESTART does from its own thread; the attempt is claimed meanwhile.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(join(dir.path, 'hookscope.db'))});
       db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
       Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
       db.exec('COMMIT'); db.close();`,
      ],
      { cwd: process.cwd() },
    );
    await new Promise<void>((resolve) => holder.stdout.on('data', () => resolve()));
    const { deliveryId } = sender.send({
      provider: 'standard-webhooks',
      eventType: 'user.created',
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    await new Promise((r) => holder.on('exit', r));

    const delivered = await eventually(() => sender.getDelivery(deliveryId).result.status === 'delivered', 3000);
    expect(errors).toEqual([]);
    expect(delivered).toBe(true);
  });

  it('held past the busy timeout: the claim fails, is tried again on its own, and the attempt is delivered once', async () => {
    let hits = 0;
    const server = createServer((req, res) => req.resume().on('end', () => (hits++, res.writeHead(200).end())));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const app = createApp({ dataDir: dir.path });
    cleanups.push(() => app.close());
    app.db.pragma('busy_timeout = 50'); // the wait runs out while the lock is held
    const sender = app.sender();
    const errors: string[] = [];
    sender.on((e) => e.type === 'engine-error' && errors.push(e.error.message));

    // Another connection takes the write lock right after the send, before the claim (next microtask).
    const other = new Database(join(dir.path, 'hookscope.db'));
    cleanups.push(() => {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
    });
    const { deliveryId } = sender.send({
      provider: 'standard-webhooks',
      eventType: 'user.created',
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    other.exec('BEGIN IMMEDIATE');

    expect(await eventually(() => errors.length > 0, 5000, 5)).toBe(true);
    expect(errors[0]).toMatch(/locked|busy/i);
    expect(sender.getDelivery(deliveryId).attempts.map((a) => a.state)).toEqual(['scheduled']);
    other.exec('COMMIT');

    expect(await eventually(() => sender.getDelivery(deliveryId).result.status === 'delivered', 10_000)).toBe(true);
    expect(sender.getDelivery(deliveryId).attempts.map((a) => [a.n, a.state, a.status])).toEqual([[1, 'done', 200]]);
    expect(hits).toBe(1);
  });
});
