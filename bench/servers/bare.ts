// The baseline: a bare node:http server that reads the body and answers 200.
import { createServer } from 'node:http';

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    Buffer.concat(chunks);
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '11' });
    res.end('{"ok":true}');
  });
});
const stats = () => ({
  rows: null,
  rssBytes: process.memoryUsage.rss(),
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.send?.({ port: address.port });
});
process.on('message', (m) => {
  if (m === 'stats') process.send?.(stats());
  if (m === 'stop') {
    process.send?.(stats());
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
