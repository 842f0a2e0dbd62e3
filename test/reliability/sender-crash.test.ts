import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/core/store/db';
import { createDeliveryRepo } from '../../src/core/store/deliveries';
import { tempDir } from '../helpers/temp-dir';
import { eventually } from './support/rows';

const SCRIPT = resolve(import.meta.dirname, 'support/sender-process.ts');
const DELIVERIES = 40;
/** Standard Webhooks: eight attempts in all (7 retries: 5 s .. 10 h), about 5 s of real time at this speed. */
const LADDER = 8;
const SPEED = 20_000;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

function startSender(
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; exited: Promise<NodeJS.Signals | number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx/esm', SCRIPT, ...args]);
  const exited = new Promise<NodeJS.Signals | number | null>((r) =>
    child.on('exit', (code, signal) => r(signal ?? code)),
  );
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  return new Promise((done, fail) => {
    child.stdout.on('data', (d) => String(d).includes('ready') && done({ child, exited }));
    child.on('exit', (code) => fail(new Error(`sender exited ${code}: ${err}`)));
  });
}

/**
 * The handler: fails each message until its k-th request (k from 2 to 10, by message), then
 * answers 200; messages whose k is past the ladder never succeed. Counts what it received.
 */
function startHandler(): Promise<{
  server: Server;
  url: string;
  received: Map<string, number>;
  successes: Map<string, number>;
}> {
  const received = new Map<string, number>();
  const successes = new Map<string, number>();
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const n = (received.get(id) ?? 0) + 1;
      received.set(id, n);
      const succeedAt = 2 + (parseInt(id.slice(-2), 16) % 9);
      if (n >= succeedAt) successes.set(id, (successes.get(id) ?? 0) + 1);
      res.writeHead(n >= succeedAt ? 200 : 500).end();
    });
  });
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () =>
      done({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, successes }),
    ),
  );
}

describe('a sender killed mid-ladder', () => {
  it('loses no attempt and sends none twice: the handler saw exactly what the delivery log says', async () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const handler = await startHandler();
    const total = () => [...handler.received.values()].reduce((a, b) => a + b, 0);

    const first = await startSender([dir.path, String(SPEED), handler.url, String(DELIVERIES)]);
    expect(await eventually(() => total() >= 90, 20_000, 2)).toBe(true);
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');

    const db = openDatabase({ file: join(dir.path, 'hookscope.db') });
    cleanups.push(() => {
      db.close();
    });
    const repo = createDeliveryRepo(db);
    const pendingAtKill = repo.listDeliveries({ limit: 1000 }).filter((d) => d.status === 'pending').length;
    expect(pendingAtKill).toBeGreaterThan(0); // the kill landed mid-ladder

    // Restart once the dead sender's claims have lapsed (timeout 1 s + grace 0.2 s): it resumes every ladder.
    await new Promise((r) => setTimeout(r, 1500));
    const second = await startSender([dir.path, String(SPEED)]);
    const allDone = () => repo.listDeliveries({ limit: 1000 }).every((d) => d.status !== 'pending');
    expect(await eventually(allDone, 30_000, 100)).toBe(true);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const deliveries = repo.listDeliveries({ limit: 1000 });
    expect(deliveries).toHaveLength(DELIVERIES);
    let interrupted = 0;
    for (const d of deliveries) {
      const attempts = repo.attempts(d.id);
      const label = `delivery ${d.id} (${d.eventId})`;
      // Numbered 1..k once each; the ladder ran in full unless a 200 ended it.
      expect(
        attempts.map((a) => a.n),
        label,
      ).toEqual(attempts.map((_, i) => i + 1));
      expect(
        attempts.every((a) => a.state === 'done'),
        label,
      ).toBe(true);
      const last = attempts.at(-1)!;
      if (d.status === 'delivered') expect(last.ok, label).toBe(true);
      else expect(attempts.length, label).toBe(LADDER);
      expect(attempts.filter((a) => a.ok).length, label).toBe(d.status === 'delivered' ? 1 : 0);

      // What the handler received: every attempt with an answer in the log, plus at most the
      // attempts the kill cut off (sent or not, their outcome is unknown); never more.
      const answered = attempts.filter((a) => a.status !== null).length;
      const cut = attempts.filter((a) => a.errorKind === 'interrupted').length;
      interrupted += cut;
      const got = handler.received.get(d.eventId!) ?? 0;
      expect(got, label).toBeGreaterThanOrEqual(answered);
      expect(got, label).toBeLessThanOrEqual(answered + cut);
      // Nothing was sent after a 200 the sender recorded. A 200 to an attempt the kill cut off is
      // unknown to the sender, which sends the next step of the ladder (at-least-once, as providers do).
      const oks = handler.successes.get(d.eventId!) ?? 0;
      expect(oks, label).toBeLessThanOrEqual((d.status === 'delivered' ? 1 : 0) + cut);
      if (d.status === 'delivered') expect(oks, label).toBeGreaterThanOrEqual(1);
    }
    expect(interrupted).toBeLessThanOrEqual(pendingAtKill);
    expect(deliveries.some((d) => d.status === 'delivered') && deliveries.some((d) => d.status === 'failed')).toBe(
      true,
    );
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  }, 90_000);
});
