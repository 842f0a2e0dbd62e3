import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { openDatabase } from '../../../src/core/store/db';
import { asciiTokens, expandedFtsQuery, toFtsQuery } from '../../../src/core/store/search-query';
import { MAX_EXPANSIONS } from '../../../src/core/store/search-vocab';
import { tempDir } from '../../helpers/temp-dir';
import { captureRow } from '../../helpers/capture-row';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function openApp(): { app: App; dir: string } {
  const dir = tempDir();
  const app = createApp({ dataDir: dir.path });
  cleanups.push(
    () => dir.remove(),
    () => app.close(),
  );
  return { app, dir: dir.path };
}

const JSON_HEADERS: [string, string][] = [['Content-Type', 'application/json']];
const row = (body: string, path = '/hook') => captureRow(path, body, JSON_HEADERS);

/** What FTS5's own prefix query finds: the reference every expanded search must equal. */
function reference(app: App, text: string): number[] {
  const terms = text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t));
  return (
    app.db
      .prepare('SELECT rowid FROM captures_fts WHERE captures_fts MATCH ? ORDER BY rowid DESC LIMIT 1000')
      .all(toFtsQuery(terms)) as { rowid: number }[]
  ).map((r) => r.rowid);
}

const CORPUS = [
  '{"type":"customer.created","data":{"customer":"cus_123","email":"ana@example.com"}}',
  '{"type":"customers.listed","count":2}',
  '{"type":"payment_intent.succeeded","amount":1200}',
  '{"type":"payment_intent.payment_failed","amount":99}',
  '{"note":"Café naïve résumé"}',
  '{"note":"日本語のテキスト"}',
  '{"id":"evt_1NZk3xAbC","customer":"cus_9"}',
  'plain text: Customer CUSTOMER customer-id',
  ...Array.from({ length: MAX_EXPANSIONS + 20 }, (_, i) => `{"token":"tok${i}x","customer":"cus_${i}"}`),
];
const QUERIES = [
  'customer',
  'cust',
  'CUSTOMER',
  'customers',
  'cus',
  'cus_12',
  'payment_intent.succ',
  'payment_intent',
  'intent.pay',
  'amount',
  '12',
  'caf',
  'café',
  'naïve',
  'resume',
  '日本',
  'evt_1nzk',
  'ana@example',
  'tok',
  'tok1',
  'tok11x',
  'customer payment',
  'customer cus_1',
  'zzzz',
  'hook',
  'content-type',
  'json',
];

describe('search vocabulary', () => {
  it('finds exactly what FTS5 prefix queries find, for every kind of term', () => {
    const { app } = openApp();
    app.captures.insertMany(CORPUS.map((b, i) => row(b, i % 3 === 0 ? '/payments/stripe' : '/hook')));
    app.drainBackground();
    expect(app.search.vocabUpto()).toBe(app.search.indexedUpto());
    for (const q of QUERIES) expect(app.search.search(q, 1000), q).toEqual(reference(app, q));
    // Some of those had results, and "tok" has more expansions than are listed (FTS5's own prefix query).
    expect(app.search.search('customer', 1000).length).toBeGreaterThan(100);
    expect(app.search.search('tok', 1000)).toHaveLength(MAX_EXPANSIONS + 20);
    expect(app.search.search('zzzz')).toEqual([]);
  });

  it('keeps newest-first order and the limit across unindexed and indexed rows', () => {
    const { app } = openApp();
    const first = app.captures.insertMany(CORPUS.slice(0, 8).map((b) => row(b)));
    app.drainBackground();
    const later = app.captures.insertMany([row('{"customer":"new one"}'), row('{"customers":"newer"}')]);
    expect(app.search.search('cust', 3)).toEqual([later[1], later[0], first[7]]);
    app.drainBackground();
    expect(app.search.search('cust', 3)).toEqual([later[1], later[0], first[7]]);
  });

  it('a database indexed before the vocabulary existed catches up in the background, and search stays right meanwhile', () => {
    const dir = tempDir();
    cleanups.push(() => dir.remove());
    const file = join(dir.path, 'hookscope.db');
    // Version 7: captures indexed by FTS5, no vocabulary.
    const old = openDatabase({ file, targetVersion: 7 });
    const insert =
      old.prepare(`INSERT INTO captures (endpoint_id, received_at, method, url, path, query, http_version, headers, body, body_size, body_sha256)
      VALUES (1, 0, 'POST', 'http://h/x', '/x', '', '1.1', '[]', ?, 0, 'x')`);
    const fts = old.prepare('INSERT INTO captures_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)');
    let last = 0;
    for (let i = 0; i < 3000; i++) {
      const body = `{"customer":"cus_${i}","n":${i}}`;
      last = Number(insert.run(Buffer.from(body)).lastInsertRowid);
      fts.run(last, '/x', '', body);
    }
    old.prepare('UPDATE search_state SET indexed_upto = ?').run(last);
    old.close();

    const app = createApp({ dataDir: dir.path });
    cleanups.push(() => app.close());
    expect(app.db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(8);
    expect(app.search.vocabUpto()).toBe(0);
    const expected = reference(app, 'cust');
    expect(expected).toHaveLength(1000);
    expect(app.search.search('cust', 1000)).toEqual(expected); // FTS5's prefix query while the vocabulary lags
    expect(app.search.indexPending(500)).toBe(500); // nothing new to index: the vocabulary catches up instead
    expect(app.search.vocabUpto()).toBe(500);
    app.drainBackground();
    expect(app.search.vocabUpto()).toBe(last);
    expect(app.search.search('cust', 1000)).toEqual(expected);
    expect(app.search.search('cus_2999')).toEqual([last]);
    expect(app.db.prepare("SELECT term FROM search_vocab WHERE term LIKE 'cus%' ORDER BY term").all()).toEqual([
      { term: 'cus' },
      { term: 'customer' },
    ]);
  });
});

describe('expanded queries', () => {
  const vocab = ['customer', 'customers', 'intent', 'payment', 'succeeded'];
  const expand = (p: string) => vocab.filter((t) => t.startsWith(p));

  it('turns each term into an OR of the exact terms its last token starts', () => {
    expect(expandedFtsQuery(['cust'], expand)).toEqual({ kind: 'query', query: '("customer" OR "customers")' });
    expect(expandedFtsQuery(['payment_intent.succ', 'customers'], expand)).toEqual({
      kind: 'query',
      query: '"payment intent succeeded" AND "customers"',
    });
    expect(expandedFtsQuery(['nothing'], expand)).toEqual({ kind: 'nothing' });
    expect(expandedFtsQuery(['café'], expand)).toEqual({ kind: 'native' });
    expect(expandedFtsQuery(['cust'], () => null)).toEqual({ kind: 'native' });
  });

  it('splits ASCII terms as unicode61 does and leaves the rest to it', () => {
    expect(asciiTokens('Payment_Intent.SUCCEEDED')).toEqual(['payment', 'intent', 'succeeded']);
    expect(asciiTokens('"quoted"')).toEqual(['quoted']);
    expect(asciiTokens('naïve')).toBeNull();
  });
});
