import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../../src/core/store/db';
import { LATEST_VERSION, MIGRATIONS } from '../../../src/core/store/migrations';
import { tempDir } from '../../helpers/temp-dir';

const dirs: { remove(): void }[] = [];
function dbFile(): string {
  const dir = tempDir();
  dirs.push(dir);
  return join(dir.path, 'hookscope.db');
}
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

function insertCapture(db: Database.Database, body = '{"a":1}'): number {
  return Number(
    db
      .prepare(
        `INSERT INTO captures (endpoint_id, received_at, method, url, path, query, http_version, headers, body, body_size, body_sha256)
        VALUES (1, 0, 'POST', 'http://h/x', '/x', '', '1.1', '[]', ?, ?, 'x')`,
      )
      .run(Buffer.from(body), body.length).lastInsertRowid,
  );
}

describe('migrations', () => {
  it('start at 1 and each has a version above the last', () => {
    expect(MIGRATIONS[0].version).toBe(1);
    expect(new Set(MIGRATIONS.map((m) => m.version)).size).toBe(MIGRATIONS.length);
    for (let i = 1; i < MIGRATIONS.length; i++)
      expect(MIGRATIONS[i].version).toBeGreaterThan(MIGRATIONS[i - 1].version);
    expect(LATEST_VERSION).toBe(MIGRATIONS.at(-1)!.version);
  });

  it('001 creates endpoints (with default) and captures with BLOB bodies', () => {
    const db = openDatabase({ file: dbFile(), targetVersion: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect((db.prepare('SELECT slug FROM endpoints').all() as { slug: string }[]).map((r) => r.slug)).toEqual([
      'default',
    ]);
    expect(columns(db, 'captures')).toEqual(
      expect.arrayContaining(['headers', 'body', 'body_size', 'body_sha256', 'truncated', 'response']),
    );
    const id = insertCapture(db, '\u0000binary');
    expect((db.prepare('SELECT typeof(body) AS t FROM captures WHERE id = ?').get(id) as { t: string }).t).toBe('blob');
    // Foreign keys are on: a capture of an unknown endpoint is refused.
    expect(() =>
      db
        .prepare(
          "INSERT INTO captures (endpoint_id, received_at, method, url, path, query, http_version, headers, body, body_size, body_sha256) VALUES (99, 0, 'GET', '', '', '', '1.1', '[]', x'', 0, '')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('002 adds a search index that existing captures become part of, and deletes follow', () => {
    const file = dbFile();
    const db1 = openDatabase({ file, targetVersion: 1 });
    const id = insertCapture(db1, '{"needle":"haystack"}');
    db1.close();
    const db = openDatabase({ file, targetVersion: 2 });
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect((db.prepare('SELECT indexed_upto FROM search_state').get() as { indexed_upto: number }).indexed_upto).toBe(
      0,
    );
    db.prepare('INSERT INTO captures_fts (rowid, path, headers, body) VALUES (?, ?, ?, ?)').run(
      id,
      '/x',
      '',
      '{"needle":"haystack"}',
    );
    expect(db.prepare("SELECT rowid FROM captures_fts WHERE captures_fts MATCH 'needle'").all()).toEqual([
      { rowid: id },
    ]);
    db.prepare('DELETE FROM captures WHERE id = ?').run(id);
    expect(db.prepare("SELECT rowid FROM captures_fts WHERE captures_fts MATCH 'needle'").all()).toEqual([]);
    db.close();
  });

  it('004 adds analysis columns (existing rows analyzed from the cursor) and endpoint secrets', () => {
    const file = dbFile();
    const before = openDatabase({ file, targetVersion: 3 });
    const id = insertCapture(before);
    before.close();
    const db = openDatabase({ file, targetVersion: 4 });
    expect(columns(db, 'captures')).toEqual(
      expect.arrayContaining(['provider', 'event_type', 'signature_status', 'signature', 'stale_verdict']),
    );
    expect(
      (db.prepare('SELECT stale_verdict FROM captures WHERE id = ?').get(id) as { stale_verdict: number })
        .stale_verdict,
    ).toBe(0);
    expect(db.prepare('SELECT analyzed_upto FROM analysis_state').get()).toEqual({ analyzed_upto: 0 });
    // The provider index is partial: rows not yet attributed are not in it.
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM captures WHERE provider = 'stripe' ORDER BY id DESC")
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/captures_by_provider/);
    db.prepare('INSERT INTO endpoint_secrets (endpoint_id, secret, created_at) VALUES (1, ?, 0)').run('whsec_a');
    expect(() =>
      db.prepare('INSERT INTO endpoint_secrets (endpoint_id, secret, created_at) VALUES (1, ?, 0)').run('whsec_a'),
    ).toThrow(/UNIQUE/);
    db.prepare("DELETE FROM endpoints WHERE slug = 'default'").run();
    expect(db.prepare('SELECT count(*) AS n FROM endpoint_secrets').get()).toEqual({ n: 0 });
    db.close();
  });

  it('005 adds replays linked to their capture, binary-safe, gone with it', () => {
    const file = dbFile();
    const before = openDatabase({ file, targetVersion: 4 });
    const id = insertCapture(before);
    before.close();
    const db = openDatabase({ file, targetVersion: 5 });
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(columns(db, 'replays')).toEqual(
      expect.arrayContaining([
        'capture_id',
        'kind',
        'url',
        'request_headers',
        'request_body',
        'response_status',
        'response_body',
        'error_kind',
      ]),
    );
    const insert =
      db.prepare(`INSERT INTO replays (capture_id, kind, sent_at, url, request_method, request_headers, request_body, ok)
      VALUES (?, ?, 0, 'http://t/', 'POST', '[]', ?, 0)`);
    const rid = Number(insert.run(id, 'forward', Buffer.from([0, 255, 1])).lastInsertRowid);
    const row = db
      .prepare('SELECT typeof(request_body) AS t, response_size, warnings FROM replays WHERE id = ?')
      .get(rid);
    expect(row).toEqual({ t: 'blob', response_size: 0, warnings: '[]' });
    expect(() => insert.run(id, 'other', Buffer.alloc(0))).toThrow(/CHECK/);
    expect(() => insert.run(id + 100, 'replay', Buffer.alloc(0))).toThrow(/FOREIGN KEY/);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT id FROM replays WHERE capture_id = ? ORDER BY id').all(id) as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/replays_by_capture/);
    db.prepare('DELETE FROM captures WHERE id = ?').run(id);
    expect(db.prepare('SELECT count(*) AS n FROM replays').get()).toEqual({ n: 0 });
    db.close();
  });

  it('006 adds per-endpoint retention limits, none by default, and refuses nonsense', () => {
    const file = dbFile();
    const before = openDatabase({ file, targetVersion: 5 });
    before.prepare("INSERT INTO endpoints (slug, created_at) VALUES ('shop', 0)").run();
    before.close();
    const db = openDatabase({ file, targetVersion: 6 });
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    expect(columns(db, 'endpoints')).toEqual(expect.arrayContaining(['keep_count', 'keep_days']));
    expect(db.prepare("SELECT keep_count, keep_days FROM endpoints WHERE slug = 'shop'").get()).toEqual({
      keep_count: null,
      keep_days: null,
    });
    const set = db.prepare("UPDATE endpoints SET keep_count = ?, keep_days = ? WHERE slug = 'shop'");
    set.run(100, 1.5);
    expect(db.prepare("SELECT keep_count, keep_days FROM endpoints WHERE slug = 'shop'").get()).toEqual({
      keep_count: 100,
      keep_days: 1.5,
    });
    expect(() => set.run(0, null)).toThrow(/CHECK/);
    expect(() => set.run(null, 0)).toThrow(/CHECK/);
    // Retention walks captures by endpoint in id order: the existing index serves it.
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM captures WHERE endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT 10')
      .all(1, 5) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/captures_by_endpoint/);
    db.close();
  });

  it('007 indexes the waiting attempts by due time and the claims by lease end, for the queries the sender makes', () => {
    const file = dbFile();
    const before = openDatabase({ file, targetVersion: 6 });
    const indexes = (db: Database.Database) =>
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'delivery_attempts'").all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    expect(indexes(before)).toContain('attempts_waiting');
    before.close();
    const db = openDatabase({ file, targetVersion: 7 });
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(indexes(db)).toEqual(expect.arrayContaining(['attempts_scheduled_by_due', 'attempts_in_flight_by_lease']));
    expect(indexes(db)).not.toContain('attempts_waiting');
    const plan = (sql: string, ...args: unknown[]) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((p) => p.detail).join(' | ');
    // Read from a cursor in due order: a range of the index, no sort.
    const waiting = plan(
      "SELECT id, due_at FROM delivery_attempts WHERE state = 'scheduled' AND (due_at, id) > (?, ?) ORDER BY due_at, id LIMIT ?",
      0,
      0,
      10,
    );
    expect(waiting).toMatch(/attempts_scheduled_by_due/);
    expect(waiting).not.toMatch(/TEMP B-TREE/);
    expect(
      plan(
        "SELECT * FROM delivery_attempts WHERE state = 'in_flight' AND lease_until <= ? AND claimed_by IS NOT ? ORDER BY lease_until, id",
        0,
        'x',
      ),
    ).toMatch(/attempts_in_flight_by_lease/);
    const lease = plan(
      "SELECT lease_until FROM delivery_attempts WHERE state = 'in_flight' AND lease_until > ? AND claimed_by IS NOT ? ORDER BY lease_until LIMIT 1",
      0,
      'x',
    );
    expect(lease).toMatch(/attempts_in_flight_by_lease/);
    expect(lease).not.toMatch(/TEMP B-TREE/);
    db.close();
  });

  it('every later migration applies on top of its predecessor with data in place', () => {
    const file = dbFile();
    for (const m of MIGRATIONS) {
      const db = openDatabase({ file, targetVersion: m.version });
      expect(db.pragma('user_version', { simple: true })).toBe(m.version);
      insertCapture(db);
      db.close();
    }
    const db = openDatabase({ file });
    expect((db.prepare('SELECT count(*) AS n FROM captures').get() as { n: number }).n).toBe(MIGRATIONS.length);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('migrate() is idempotent', () => {
    const db = openDatabase({ file: dbFile() });
    expect(migrate(db)).toBe(LATEST_VERSION);
    expect(migrate(db)).toBe(LATEST_VERSION);
    db.close();
  });
});
