// Hookscope's capture server on a data folder, as `hookscope serve` runs it
// (capture, background analysis and indexing, checkpoints off the main thread).
import { createApp } from '../../src/core/app';

const dataDir = process.argv[2];
// 'full': serve --durability full (synchronous=FULL); the default is 'normal'.
const durability = process.argv[3] === 'full' ? 'full' : 'normal';
const app = createApp({
  dataDir,
  durability,
  onError: (e) => process.stderr.write(`capture: ${(e as Error).message}\n`),
});
const address = await app.startCapture(0, '127.0.0.1');
if (!process.env.BENCH_NO_BACKGROUND) app.startBackground();
const stats = () => ({
  rows: app.captures.count(),
  rssBytes: process.memoryUsage.rss(),
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
});
process.send?.({ port: address.port });
process.on('message', async (m) => {
  if (m === 'stats') process.send?.(stats());
  if (m === 'stop') {
    process.send?.(stats());
    await app.close();
    process.exit(0);
  }
});
