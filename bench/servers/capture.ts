// Hookscope's capture server on a fresh data folder, as `hookscope serve` runs it.
import { createApp } from '../../src/core/app';

const dataDir = process.argv[2];
const app = createApp({ dataDir });
const address = await app.startCapture(0, '127.0.0.1');
if (!process.env.BENCH_NO_BACKGROUND) app.startBackground();
process.send?.({ port: address.port });
process.on('message', async (m) => {
  if (m === 'stop') {
    const rows = app.captures.count();
    process.send?.({ maxRssBytes: process.resourceUsage().maxRSS * 1024, rows });
    await app.close();
    process.exit(0);
  }
});
