// Hookscope's capture server with its one endpoint forwarding as a proxy
// (`hookscope replay forward bench --to URL --proxy`) to the handler at the
// port given: every request is stored, sent on, and answered with the handler's answer.
import { createApp } from '../../src/core/app';

const [dataDir, targetPort] = process.argv.slice(2);
const app = createApp({ dataDir, onError: (e) => process.stderr.write(`proxy: ${(e as Error).message}\n`) });
app.createEndpoint('bench');
app.replay.setForward('bench', `http://127.0.0.1:${targetPort}/`, 'proxy');
const address = await app.startCapture(0, '127.0.0.1');
app.startBackground();
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
