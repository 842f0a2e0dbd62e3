// A one-shot sender (`hookscope send`) holds its delivery's waiting attempts;
// a server's sender leaves them to it, and takes one over when the hold ends:
// released early (Ctrl-C, --detach: the delivery is paused until someone
// takes it), or run out (the one-shot sender died). Real SQLite file, real
// HTTP handler, one ManualClock for both senders.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/core/clock';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';
import { TEST_SECRET } from './support/adapter';
import { senderEnv } from './support/env';
import { eventQueue } from './support/events';
import { answer } from './support/servers';

const T0 = Date.UTC(2026, 11, 4, 20, 0, 0);
const GRACE = 10_000;
const POLL = 500;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup() {
  const server = await answer(500, 'down');
  const env = senderEnv();
  cleanups.push(
    () => server.close(),
    () => env.dispose(),
  );
  const clock = new ManualClock(T0);
  const repo = createDeliveryRepo(env.open());
  const oneShot = (owner: string) => env.sender({ clock, speed: 1, owner, holdGraceMs: GRACE, resumePending: false });
  const serve = () => env.sender({ clock, speed: 1, owner: 'serve', handoffPollMs: POLL });
  /** An engine that neither resumes at start nor looks for handovers. */
  const idle = () => env.sender({ clock, speed: 1, owner: 'app', resumePending: false });
  const input = { provider: 'prynt', eventType: 'x', url: server.url, secret: TEST_SECRET };
  /** Moves the clock to the waiting attempt's due time (plus `extra`). */
  const toDue = (deliveryId: number, extra = 0) =>
    clock.advance(Math.max(0, repo.waitingAttempt(deliveryId)!.dueAt + extra - clock.now()));
  return { server, clock, repo, oneShot, serve, idle, input, toDue };
}

describe('handing a delivery over', () => {
  it('a running server leaves a held attempt alone, and takes it at its next look once released (Ctrl-C); each attempt goes out once', async () => {
    const { server, clock, repo, oneShot, serve, input, toDue } = await setup();
    const server1 = serve();
    const serverEvents = eventQueue(server1.on);
    const cli = oneShot('cli');
    const cliEvents = eventQueue(cli.on);
    const { deliveryId } = cli.send(input);
    expect((await cliEvents.next('attempt-finished')).next?.n).toBe(2);
    const held = repo.waitingAttempt(deliveryId)!;
    expect(held).toMatchObject({ heldBy: 'cli', heldUntil: held.dueAt + GRACE });

    clock.advance(POLL * 4); // the server looks, and leaves it
    expect(repo.waitingAttempt(deliveryId)).toMatchObject({ heldBy: 'cli' });

    // Ctrl-C: the one-shot sender stops and lets go; the delivery is paused until someone takes it.
    await cli.stop();
    expect(cli.handOff(deliveryId)).toBe(true);
    expect(repo.delivery(deliveryId).status).toBe('paused');
    clock.advance(POLL);
    expect(repo.delivery(deliveryId).status).toBe('pending');
    expect(repo.waitingAttempt(deliveryId)).toMatchObject({ heldBy: null, heldUntil: null });

    toDue(deliveryId);
    expect((await serverEvents.next('attempt-finished')).attempt.n).toBe(2);
    toDue(deliveryId);
    const done = await serverEvents.next('delivery-finished');
    expect(done.result.status).toBe('failed');
    expect(done.result.attempts.map((a) => a.n)).toEqual([1, 2, 3]);
    expect(server.hits).toHaveLength(3);
    expect(new Set(server.hits.map((h) => h.headers['x-test-signature'])).size).toBe(3);
  });

  it('with no server running it stays paused; a server that starts later resumes it at once, a `retry` run too', async () => {
    const { server, repo, oneShot, serve, input, toDue } = await setup();
    for (const resumeWith of ['serve', 'retry'] as const) {
      const cli = oneShot(`cli-${resumeWith}`);
      const cliEvents = eventQueue(cli.on);
      const { deliveryId } = cli.send(input);
      await cliEvents.next('attempt-finished');
      await cli.stop();
      cli.handOff(deliveryId);
      expect(repo.delivery(deliveryId)).toMatchObject({ status: 'paused' });
      expect(repo.delivery(deliveryId).pausedAt).not.toBeNull();

      const next = resumeWith === 'serve' ? serve() : oneShot('retry-run');
      const events = eventQueue(next.on);
      if (resumeWith === 'retry') next.retry(deliveryId);
      expect(repo.delivery(deliveryId).status).toBe('pending');
      expect(repo.waitingAttempt(deliveryId)!.heldBy).toBe(resumeWith === 'retry' ? 'retry-run' : null);
      toDue(deliveryId);
      await events.next('attempt-finished');
      toDue(deliveryId);
      expect((await events.next('delivery-finished')).result.attempts.map((a) => a.n)).toEqual([1, 2, 3]);
      await next.stop();
    }
    expect(server.hits).toHaveLength(6);
  });

  it("a paused delivery resumes with the Sender's 'send next attempt now' on the app's engine", async () => {
    const { server, repo, oneShot, idle, input } = await setup();
    const cli = oneShot('cli');
    const { deliveryId } = cli.send(input);
    await eventQueue(cli.on).next('attempt-finished');
    await cli.stop();
    cli.handOff(deliveryId);
    expect(repo.delivery(deliveryId).status).toBe('paused');
    // An engine that does not look for handovers: the send-now button is the way in.
    const app = idle();
    const events = eventQueue(app.on);
    expect(app.sendNextNow(deliveryId)).toBe(2);
    expect(repo.delivery(deliveryId).status).toBe('pending');
    expect((await events.next('attempt-finished')).attempt).toMatchObject({ n: 2, trigger: 'now' });
    expect(server.hits).toHaveLength(2);
  });

  it('--detach: stored and handed over at once, sent by the running server', async () => {
    const { server, clock, repo, oneShot, serve, input } = await setup();
    const server1 = serve();
    const events = eventQueue(server1.on);
    const cli = oneShot('cli');
    const { deliveryId } = cli.send({ ...input, detach: true });
    expect(repo.delivery(deliveryId).status).toBe('paused');
    await cli.stop();
    expect(server.hits).toHaveLength(0);
    clock.advance(POLL);
    expect((await events.next('attempt-finished')).attempt.n).toBe(1);
    expect(server.hits).toHaveLength(1);
  });

  it("a dead one-shot sender's hold runs out and the server sends the attempt then, shown as overdue", async () => {
    const { clock, repo, oneShot, serve, input } = await setup();
    const server1 = serve();
    const events = eventQueue(server1.on);
    const cli = oneShot('cli');
    const { deliveryId } = cli.send(input);
    await eventQueue(cli.on).next('attempt-finished');
    const held = repo.waitingAttempt(deliveryId)!;
    await cli.stop(); // and no handOff: as if killed

    clock.advance(held.dueAt - clock.now());
    expect(repo.waitingAttempt(deliveryId)).toMatchObject({ heldBy: 'cli' }); // due, but still its holder's
    clock.advance(GRACE);
    const second = await events.next('attempt-finished');
    expect(second.attempt.n).toBe(2);
    // Its due time is read again at the server's speed from attempt 1's real end (a millisecond or so apart).
    expect(Date.parse(second.attempt.sentAt!) - Date.parse(second.attempt.dueAt)).toBeGreaterThan(GRACE - 1000);
  });
});

describe('send next attempt now', () => {
  it('before its due time: sent early (trigger now); past it: the ladder attempt sent overdue, its due time kept', async () => {
    const { server, clock, repo, serve, input } = await setup();
    const sender = serve();
    const events = eventQueue(sender.on);
    const { deliveryId } = sender.send(input);
    await events.next('attempt-finished');

    clock.advance(1000);
    expect(sender.sendNextNow(deliveryId)).toBe(2);
    const early = (await events.next('attempt-finished')).attempt;
    expect(early).toMatchObject({ n: 2, trigger: 'now' });
    expect(early.sentAt).toBe(early.dueAt);

    // Attempt 3 waits 30 min, held by a `send` run that died (a long grace: nobody takes it over meanwhile).
    await sender.stop();
    const waiting = repo.waitingAttempt(deliveryId)!;
    repo.takeOver(waiting, { by: 'dead-cli', until: waiting.dueAt + 600_000 });
    const restarted = serve();
    const restartedEvents = eventQueue(restarted.on);
    clock.advance(waiting.dueAt + 54_000 - clock.now());
    expect(server.hits).toHaveLength(2);
    expect(restarted.sendNextNow(deliveryId)).toBe(3);
    const late = (await restartedEvents.next('attempt-finished')).attempt;
    expect(late).toMatchObject({ n: 3, trigger: 'ladder', dueAt: new Date(waiting.dueAt).toISOString() });
    expect(Date.parse(late.sentAt!) - Date.parse(late.dueAt)).toBe(54_000);
    expect(server.hits).toHaveLength(3);
  });
});
