import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULE } from '../../../src/shared/capture-types';
import { openDatabase } from '../../../src/core/store/db';
import { createEndpointRepo, PARSED_RULES_KEPT } from '../../../src/core/store/endpoints';
import { tempDir } from '../../helpers/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

function repoOnDisk() {
  const dir = tempDir();
  const db = openDatabase({ file: `${dir.path}/hookscope.db` });
  cleanups.push(() => dir.remove());
  cleanups.push(() => db.close());
  return { db, repo: createEndpointRepo(db, () => 1_700_000_000_000) };
}

describe('endpoint rules as the repository reads them', () => {
  it('parses a stored rule once: listing again hands back the same rule', () => {
    const { repo } = repoOnDisk();
    repo.create('a', { ...DEFAULT_RULE, status: 202, body: 'queued' });
    const first = repo.list().find((e) => e.slug === 'a')!;
    const again = repo.list().find((e) => e.slug === 'a')!;
    expect(again).not.toBe(first);
    expect(again.rule).toBe(first.rule);
    expect(repo.get('a').rule).toBe(first.rule);
    expect(first.rule).toMatchObject({ status: 202, body: 'queued' });
  });

  it('a rule changed, here or by another connection, is read as changed', () => {
    const { db, repo } = repoOnDisk();
    repo.create('b', { ...DEFAULT_RULE, status: 200 });
    expect(repo.get('b').rule.status).toBe(200);
    repo.update('b', { rule: { ...DEFAULT_RULE, status: 503 } });
    expect(repo.get('b').rule.status).toBe(503);
    db.prepare('UPDATE endpoints SET rule = ? WHERE slug = ?').run(
      JSON.stringify({ ...DEFAULT_RULE, status: 418 }),
      'b',
    );
    expect(repo.get('b').rule.status).toBe(418);
    db.prepare('UPDATE endpoints SET rule = ? WHERE slug = ?').run('{"status": "not a number"', 'b');
    expect(repo.get('b').rule).toEqual(DEFAULT_RULE);
  });

  it('reads every rule right past the number of texts it keeps parsed', () => {
    const { db, repo } = repoOnDisk();
    repo.create('c');
    const setStatus = db.prepare('UPDATE endpoints SET rule = ? WHERE slug = ?');
    for (let i = 0; i < PARSED_RULES_KEPT + 10; i++) {
      setStatus.run(JSON.stringify({ ...DEFAULT_RULE, delayMs: i }), 'c');
      expect(repo.get('c').rule.delayMs).toBe(i);
    }
  });
});
