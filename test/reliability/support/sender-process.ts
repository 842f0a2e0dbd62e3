// A sender in its own process, composed like `hookscope serve` composes it
// (the app's database and providers, the real HTTP attempt), so a test can
// SIGKILL it mid-ladder. The one difference from serve: a short lease grace,
// so an attempt cut off by the kill is closed as interrupted by the next run
// after a second, not after a minute. Usage:
//   node --import tsx/esm sender-process.ts DATA_DIR SPEED [URL COUNT]
// Sends COUNT standard-webhooks deliveries to URL (when given), prints "ready",
// and runs until killed or sent SIGTERM.
import { createApp } from '../../../src/core/app';
import { createRegistryAdapter, createSender } from '../../../src/core/sender';
import { createDeliveryRepo } from '../../../src/core/store/deliveries';

const [dataDir, speed, url, count] = process.argv.slice(2);
const app = createApp({ dataDir });
const sender = createSender({
  deliveries: createDeliveryRepo(app.db),
  speed: Number(speed),
  providers: createRegistryAdapter({ registry: app.providers }),
  leaseGraceMs: 200,
});
for (let i = 0; i < Number(count ?? 0); i++) {
  sender.send({
    provider: 'standard-webhooks',
    eventType: 'user.created',
    url: url!,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    payload: { type: 'user.created', data: { n: i } },
    policy: { timeoutMs: 1000 },
  });
}
// Stays up like a server, with nothing pending, until SIGTERM.
const alive = setInterval(() => undefined, 60_000);
process.once('SIGTERM', () => {
  clearInterval(alive);
  void sender
    .stop()
    .then(() => app.close())
    .then(() => process.exit(0));
});
process.stdout.write('ready\n');
