// A local handler that does what a webhook handler does: it stores each
// request's body in its own SQLite file (WAL, synchronous=NORMAL, one
// committed insert per request) and answers 200 after the commit. The
// forward-proxy bench puts Hookscope in front of it as well as in front of
// the empty sink, so that its ratio says what a proxy costs a handler with
// work of its own.
import { createServer } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const db = new Database(join(process.argv[2], 'handler.db'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.exec('CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, body BLOB NOT NULL)');
const insert = db.prepare('INSERT INTO events (received_at, body) VALUES (?, ?)');

let received = 0;
const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    insert.run(Date.now(), Buffer.concat(chunks));
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
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeAllConnections();
  }
});
