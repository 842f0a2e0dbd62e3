import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { searchTerms, toFtsQuery } from '../../../src/core/store/search';
import { tempDir } from '../../helpers/temp-dir';
import { captureRow as row } from '../../helpers/capture-row';

let app: App;
let dir: { path: string; remove(): void };

beforeEach(() => {
  dir = tempDir();
  app = createApp({ dataDir: dir.path });
});
afterEach(async () => {
  await app.close();
  dir.remove();
});

describe('search', () => {
  it('finds rows before and after they are indexed, the same way', () => {
    const [a, b] = app.captures.insertMany([
      row('/hooks/stripe', '{"type":"invoice.paid","customer":"cus_123"}'),
      row('/hooks/github', '{"action":"opened"}', [['X-GitHub-Event', 'pull_request']]),
    ]);
    expect(app.search.indexedUpto()).toBe(0);
    expect(app.search.search('invoice')).toEqual([a]);
    expect(app.search.search('pull_request')).toEqual([b]);
    expect(app.search.search('github')).toEqual([b]);
    app.drainBackground();
    expect(app.search.indexedUpto()).toBe(b);
    expect(app.search.search('invoice')).toEqual([a]);
    expect(app.search.search('pull_request')).toEqual([b]);
    expect(app.search.search('hooks')).toEqual([b, a]);
  });

  it('over a backlog not yet indexed, answers the newest matches up to the limit, in order, past pages of non-matches', () => {
    const rows = Array.from({ length: 1300 }, (_, i) =>
      row(`/b/${i}`, i % 3 === 0 ? `{"kind":"needle","n":${i}}` : `{"kind":"hay","n":${i}}`),
    );
    const ids = app.captures.insertMany(rows);
    const matching = ids.filter((_, i) => i % 3 === 0).reverse();
    expect(app.search.indexedUpto()).toBe(0);
    expect(app.search.search('needle', 50)).toEqual(matching.slice(0, 50));
    expect(app.search.search('needle', 10_000)).toEqual(matching);
    expect(app.search.search('hay', 700)).toEqual(
      ids
        .filter((_, i) => i % 3 !== 0)
        .reverse()
        .slice(0, 700),
    );
    app.drainBackground();
    expect(app.search.search('needle', 50)).toEqual(matching.slice(0, 50));
  });

  it('searches decoded gzip bodies, not their compressed bytes', () => {
    const [id] = app.captures.insertMany([
      row('/gz', gzipSync('{"secret_word":"platypus"}'), [['Content-Encoding', 'gzip']]),
    ]);
    expect(app.search.search('platypus')).toEqual([id]);
    app.drainBackground();
    expect(app.search.search('platypus')).toEqual([id]);
  });

  it('requires every term, matches prefixes, and ignores binary bodies', () => {
    const [a, , c] = app.captures.insertMany([
      row('/x', 'alpha beta gamma'),
      row('/y', 'alpha only'),
      row('/z', Buffer.from([0, 1, 2, 0x61, 0x6c, 0x70, 0x68, 0x61])),
    ]);
    app.drainBackground();
    expect(app.search.search('alpha gamma')).toEqual([a]);
    expect(app.search.search('gam')).toEqual([a]);
    expect(app.search.search('alpha')).not.toContain(c);
  });

  it('treats FTS syntax in user text as plain words', () => {
    app.captures.insertMany([row('/q', 'say "hello" OR NOT (world)')]);
    app.drainBackground();
    expect(() => app.search.search('"hello" OR NOT (')).not.toThrow();
    expect(app.search.search('hello')).toHaveLength(1);
    expect(searchTerms('  a  "b" ')).toEqual(['a', '"b"']);
    expect(toFtsQuery(['a"b'])).toBe('"a""b"*');
  });
});
