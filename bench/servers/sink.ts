// A local handler for the sender and forward-proxy benchmarks: reads each
// request and answers 200. With `--store DIR` it first does what a webhook
// handler does: stores the body in a SQLite file of its own (WAL,
// synchronous=NORMAL, one committed insert per request), so that the proxy's
// ratio can be shown against a handler with work of its own.
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const storeAt = process.argv.indexOf('--store');
const store = storeAt >= 0 ? openStore(process.argv[storeAt + 1]) : null;

function openStore(dir: string): (body: Buffer) => void {
  const db = new Database(join(dir, 'handler.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, body BLOB)');
  const insert = db.prepare('INSERT INTO events (received_at, body) VALUES (?, ?)');
  return (body) => insert.run(Date.now(), body);
}

let received = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  if (store) req.on('data', (c: Buffer) => chunks.push(c));
  else req.resume();
  req.on('end', () => {
    store?.(Buffer.concat(chunks));
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
