// Hookscope's capture server as `hookscope serve` runs it (capture, background
// analysis and indexing), for the index-stall case: it also says how far the
// search index has got and answers searches, so the bench can tell when a
// large body is indexed and that it is found by its words.
import { createApp } from '../../src/core/app';

const dataDir = process.argv[2];
const app = createApp({ dataDir, onError: (e) => process.stderr.write(`index-stall: ${(e as Error).message}\n`) });
const address = await app.startCapture(0, '127.0.0.1');
app.startBackground();

function stats() {
  const rows = app.captures.count();
  const newest = (app.db.prepare('SELECT max(id) AS id FROM captures').get() as { id: number | null }).id ?? 0;
  return { rows, newest, indexedUpto: app.search.indexedUpto(), slicing: app.search.slicing?.() ?? 0 };
}

process.send?.({ port: address.port });
process.on('message', async (m: string) => {
  if (m === 'stats') process.send?.(stats());
  else if (m.startsWith('search:')) process.send?.(app.search.search(m.slice('search:'.length), 10));
  else if (m === 'stop') {
    process.send?.(stats());
    await app.close();
    process.exit(0);
  }
});
