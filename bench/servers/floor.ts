// The durable floor: what one SQLite commit per turn of the event loop costs
// on its own. Hookscope's store, opened as Hookscope opens it (WAL,
// synchronous=NORMAL, checkpoints on their own thread), its captures table and
// its group-commit writer, behind a bare node:http handler that answers after
// the commit. No routing, rules, analysis, search or events: the gap between
// this and the bare server is the price of the durable commit alone, and the
// gap between this and bench/servers/capture.ts is everything else Hookscope does.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { createBatchWriter } from '../../src/core/capture/writer';
import { startCheckpointer } from '../../src/core/store/checkpointer';
import { createCaptureRepo, type NewCapture } from '../../src/core/store/captures';
import { openDatabase } from '../../src/core/store/db';

const file = join(process.argv[2], 'hookscope.db');
const db = openDatabase({ file });
const checkpointer = startCheckpointer(db, file);
const captures = createCaptureRepo(db);
const writer = createBatchWriter((rows) => captures.insertMany(rows));

const server = createServer((req, res) => {
  const receivedAt = Date.now();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const raw = req.rawHeaders;
    const headers: [string, string][] = [];
    for (let i = 0; i < raw.length; i += 2) headers.push([raw[i], raw[i + 1]]);
    const row: NewCapture = {
      endpointId: 1,
      receivedAt,
      method: req.method ?? 'GET',
      url: `http://${req.headers.host}${req.url}`,
      path: req.url ?? '/',
      query: '',
      httpVersion: req.httpVersion,
      remoteAddress: req.socket.remoteAddress ?? null,
      remotePort: req.socket.remotePort ?? null,
      headers,
      body,
      bodySize: body.length,
      bodySha256: createHash('sha256').update(body).digest('hex'),
      truncated: false,
      error: null,
      response: {
        kind: 'answered',
        status: 200,
        headers: [['Content-Type', 'application/json']],
        body: null as unknown as string,
        delayMs: 0,
      },
    };
    writer.write(row).then(
      (id) => {
        const out = `{"ok":true,"id":${id}}`;
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(out.length) });
        res.end(out);
      },
      () => {
        res.writeHead(503);
        res.end();
      },
    );
  });
});
const stats = () => ({
  rows: captures.count(),
  rssBytes: process.memoryUsage.rss(),
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as { port: number }).port }));
process.on('message', async (m) => {
  if (m === 'stats') process.send?.(stats());
  if (m === 'stop') {
    process.send?.(stats());
    server.close();
    server.closeAllConnections();
    await checkpointer.stop();
    db.close();
    process.exit(0);
  }
});
