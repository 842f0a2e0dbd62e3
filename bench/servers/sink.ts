// A local handler for the sender benchmark: reads each request and answers 200.
import { createServer } from 'node:http';

let received = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    received++;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '11' });
    res.end('{"ok":true}');
  });
});
server.keepAliveTimeout = 5000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
process.on('message', (m) => {
  if (m === 'stats') process.send?.({ received });
  if (m === 'stop') {
    process.send?.({ received });
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
