import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/core/app';
import { SLICE_BYTES, SLICE_SHIFT, SLICE_THRESHOLD, sliceEnd } from '../../../src/core/store/search-slices';
import { tempDir } from '../../helpers/temp-dir';
import { captureRow as row } from '../../helpers/capture-row';

let app: App;
let dir: { path: string; remove(): void };

/** Distinct letter-only words (word(i) never equals word(j)). */
function word(i: number): string {
  let x = i + 1;
  let w = '';
  while (x > 0) {
    w += String.fromCharCode(97 + (x % 26));
    x = Math.floor(x / 26);
  }
  return `q${w}z`;
}

function words(n: number): string[] {
  return Array.from({ length: n }, (_, i) => word(i));
}

const sliceRows = (id: number) =>
  (
    app.db
      .prepare(
        'SELECT count(*) AS n FROM captures_fts_slices WHERE rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)',
      )
      .get(id * SLICE_SHIFT, id * SLICE_SHIFT + SLICE_SHIFT - 1) as { n: number }
  ).n;

beforeEach(() => {
  dir = tempDir();
  app = createApp({ dataDir: dir.path });
});
afterEach(async () => {
  await app.close();
  dir.remove();
});

describe('where a slice ends', () => {
  it('just after a separator, so no word is cut in two', () => {
    const bytes = Buffer.from(`${'abcdefg '.repeat(3000)}`);
    const end = sliceEnd(bytes, 0);
    expect(end).toBeLessThanOrEqual(SLICE_BYTES);
    expect(end).toBeGreaterThan(SLICE_BYTES / 2);
    expect(bytes[end - 1]).toBe(0x20);
    expect(sliceEnd(bytes, bytes.length - 10)).toBe(bytes.length);
  });

  it('inside one huge token, at a UTF-8 character boundary', () => {
    const bytes = Buffer.from('é'.repeat(SLICE_BYTES)); // two bytes each, no separator at all
    const end = sliceEnd(bytes, 1 - 1);
    expect(end % 2).toBe(0);
    expect(bytes.subarray(0, end).toString('utf8')).toBe('é'.repeat(end / 2));
    const odd = sliceEnd(Buffer.concat([Buffer.from('a'), bytes]), 0);
    expect((odd - 1) % 2).toBe(0);
  });
});

describe('a large body indexed in slices', () => {
  it('is indexed a slice at a time, found by every word while half done and once done', () => {
    const all = words(40_000);
    const body = all.join(' ');
    expect(body.length).toBeGreaterThan(SLICE_THRESHOLD);
    const [small, big] = app.captures.insertMany([
      row('/small', 'hello tiny'),
      row('/big', body, [['X-Kind', 'enormous']]),
    ]);
    expect(app.search.indexPending(100)).toBe(2);
    expect(app.search.slicing()).toBe(1);

    // Each step does the slices it is given, no more: one slice, of at most SLICE_BYTES.
    expect(app.search.indexSlices(1)).toBe(1);
    expect(sliceRows(big)).toBe(1);
    const first = all[0];
    const last = all[all.length - 1];
    // Half indexed: read directly, so found by words of slices not yet indexed, and by several at once.
    expect(app.search.search(last)).toEqual([big]);
    expect(app.search.search(`${first} ${last}`)).toEqual([big]);
    expect(app.search.search('enormous')).toEqual([big]);

    // Slices, then the body's terms into the vocabulary in sorted runs, then merges of the slices' segments, one item a call.
    let calls = 1;
    while (app.search.indexSlices(1) > 0) {
      calls++;
      if (app.search.slicing() === 1) expect(app.search.search(`enormous ${all[39_000]}`)).toEqual([big]);
    }
    expect(app.search.slicing()).toBe(0);
    expect(sliceRows(big)).toBeGreaterThanOrEqual(Math.floor(Buffer.byteLength(body) / SLICE_BYTES));
    expect(calls).toBeGreaterThan(sliceRows(big));

    for (const w of [first, all[20_000], last]) expect(app.search.search(w)).toEqual([big]);
    // Terms in different slices, and a term of its headers with one of its body.
    expect(app.search.search(`${first} ${last}`)).toEqual([big]);
    expect(app.search.search(`enormous ${all[30_000]}`)).toEqual([big]);
    // A prefix of a word in a slice, through the vocabulary.
    expect(app.search.search(last.slice(0, -1))).toContain(big);
    expect(app.search.search('notthere')).toEqual([]);
    expect(app.search.search(`${first} notthere`)).toEqual([]);
    expect(app.search.search('tiny')).toEqual([small]);
    expect(app.search.search(`tiny ${first}`)).toEqual([]);
  });

  it('a body half sliced when the process stopped is sliced again from its start by the next run', async () => {
    const all = words(30_000);
    const [id] = app.captures.insertMany([row('/restart', all.join(' '))]);
    app.search.indexPending(10);
    app.search.indexSlices(3);
    expect(sliceRows(id)).toBe(3);
    await app.close();
    app = createApp({ dataDir: dir.path });
    expect(app.search.slicing()).toBe(1);
    expect(app.search.search(all[29_999])).toEqual([id]);
    while (app.search.indexSlices(4) > 0);
    expect(app.search.slicing()).toBe(0);
    for (const w of [all[0], all[15_000], all[29_999]]) expect(app.search.search(w)).toEqual([id]);
    expect(app.search.search(all[29_999].slice(0, -1))).toContain(id);
  });

  it('a step whose transaction fails is redone whole: no term is lost from the vocabulary', () => {
    const all = words(12_000);
    const body = all.join(' ');
    const [id] = app.captures.insertMany([row('/fails', body)]);
    app.search.indexPending(10);
    const progress = () =>
      app.db.prepare('SELECT next_byte AS at FROM search_slices WHERE capture_id = ?').get(id) as { at: number };
    while (progress().at < Buffer.byteLength(body)) app.search.indexSlices(1);
    // The second sorted run of terms fails to reach the vocabulary, after the first went in within the same step.
    const victim = [...all].sort()[1500];
    app.db.exec(
      `CREATE TEMP TRIGGER fail_once BEFORE INSERT ON main.search_vocab WHEN NEW.term = '${victim}' BEGIN SELECT RAISE(ABORT, 'injected failure'); END`,
    );
    expect(() => app.search.indexSlices(10)).toThrow(/injected failure/);
    app.db.exec('DROP TRIGGER temp.fail_once');
    while (app.search.indexSlices(10) > 0);
    const inVocab = app.db.prepare('SELECT count(*) AS n FROM search_vocab WHERE term = ?');
    const missing = all.filter((w) => (inVocab.get(w) as { n: number }).n === 0);
    expect(missing).toEqual([]);
    for (const w of [all[0], victim, [...all].sort()[10]]) expect(app.search.search(w)).toEqual([id]);
  });

  it('a vocabulary catching up behind the index (an older database) leaves a sliced body to the slicer and still finds it by prefix', () => {
    const all = words(20_000);
    const [id] = app.captures.insertMany([row('/lagging', all.join(' '), [['X-Lag', 'behind']])]);
    app.search.indexPending(10);
    app.db.prepare('UPDATE search_state SET vocab_upto = 0').run();
    app.drainBackground();
    expect(app.search.vocabUpto()).toBe(id);
    expect(app.search.search(all[19_999].slice(0, -1))).toContain(id);
    expect(app.search.search('behin')).toEqual([id]);
  });

  it('a body that turns out not to be text past its first slice is not indexed, like any binary body', () => {
    const body = Buffer.concat([Buffer.from(words(20_000).join(' ')), Buffer.from([0, 1, 2])]);
    const [id] = app.captures.insertMany([row('/binary-tail', body)]);
    app.drainBackground();
    expect(app.search.slicing()).toBe(0);
    expect(sliceRows(id)).toBe(0);
    expect(app.search.search(word(5))).toEqual([]);
    expect(app.search.search('binary')).toEqual([id]);
  });

  it('a compressed body that decodes past the threshold is sliced too', () => {
    const all = words(30_000);
    const body = gzipSync(all.join('\n'));
    expect(body.length).toBeLessThan(SLICE_THRESHOLD * 4);
    const [id] = app.captures.insertMany([row('/gz', body, [['Content-Encoding', 'gzip']])]);
    app.drainBackground();
    expect(sliceRows(id)).toBeGreaterThan(1);
    expect(app.search.search(all[29_999])).toEqual([id]);
  });

  it('deleting the capture deletes its slices', () => {
    const [id] = app.captures.insertMany([row('/gone', words(20_000).join(' '))]);
    app.drainBackground();
    expect(sliceRows(id)).toBeGreaterThan(1);
    app.db.prepare('DELETE FROM captures WHERE id = ?').run(id);
    expect(sliceRows(id)).toBe(0);
    expect(app.search.search(word(3))).toEqual([]);
    expect((app.db.prepare('SELECT count(*) AS n FROM search_slices').get() as { n: number }).n).toBe(0);
  });

  it('a capture deleted while half sliced leaves nothing behind and the next body goes on', () => {
    const [a, b] = app.captures.insertMany([
      row('/a', words(20_000).join(' ')),
      row('/b', words(20_000).reverse().join(' ')),
    ]);
    app.search.indexPending(10);
    app.search.indexSlices(2);
    app.db.prepare('DELETE FROM captures WHERE id = ?').run(a);
    while (app.search.indexSlices(4) > 0);
    expect(sliceRows(a)).toBe(0);
    expect(app.search.search(word(19_999))).toEqual([b]);
  });
});
