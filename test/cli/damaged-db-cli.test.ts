// A database damaged in the middle: the header and the schema are fine, so it
// opens, but a page of the captures table holds garbage and a read meets
// SQLITE_CORRUPT. Every command that meets it refuses with DB_CORRUPT in one
// line (no stack trace), like any other coded error, and writes nothing; the
// control API answers with the coded error too.
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/core/app';
import { createApiHandlers } from '../../src/core/api';
import { createControlServer } from '../../src/server/control-server';
import { runCli, type CliResult } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';
import { captureRow } from '../reliability/support/rows';

const COUNT = 1200;
const token = (i: number) => `mark${i}q`;

let dir: { path: string; remove(): void };
let file: string;
/** The capture whose leaf page was overwritten, and the file's bytes once damaged. */
let damagedId: number;
let damagedPage: number;
let pageCount: number;
let before: Buffer;

/** The rowids on a table b-tree leaf page (type 0x0d; not page 1, so no file header in front). */
function leafRowids(page: Buffer): number[] {
  expect(page[0]).toBe(0x0d);
  const varint = (at: number): [number, number] => {
    let value = 0;
    for (let i = 0; i < 8; i++) {
      const byte = page[at + i];
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return [value, at + i + 1];
    }
    return [value * 256 + page[at + 8], at + 9];
  };
  const cells = page.readUInt16BE(3);
  return Array.from({ length: cells }, (_, i) => {
    const [, afterSize] = varint(page.readUInt16BE(8 + 2 * i)); // payload size, then the rowid
    return varint(afterSize)[0];
  });
}

beforeAll(async () => {
  dir = tempDir();
  file = join(dir.path, 'hookscope.db');
  const app = createApp({ dataDir: dir.path });
  // Rows of ~1 KiB: a few to a page, so the captures table spans a few hundred pages, all analyzed and indexed.
  app.captures.insertMany(
    Array.from({ length: COUNT }, (_, i) => captureRow(1, Date.now(), `${token(i + 1)}-${'y'.repeat(300)}`)),
  );
  app.drainBackground();
  await app.close();
  expect(existsSync(`${file}-wal`)).toBe(false); // all of it is in the main file

  const db = new Database(file, { readonly: true });
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  pageCount = db.pragma('page_count', { simple: true }) as number;
  const leaves = (
    db.prepare("SELECT pageno FROM dbstat WHERE name = 'captures' AND pagetype = 'leaf' ORDER BY pageno").all() as {
      pageno: number;
    }[]
  ).map((r) => r.pageno);
  db.close();
  expect(leaves.length).toBeGreaterThan(100);

  // A capture from the middle of the history, on a leaf page in the middle of the file.
  const bytes = readFileSync(file);
  const pageOf = new Map<number, number>();
  for (const pageno of leaves)
    for (const id of leafRowids(bytes.subarray((pageno - 1) * pageSize, pageno * pageSize))) pageOf.set(id, pageno);
  damagedId = COUNT / 2;
  damagedPage = pageOf.get(damagedId)!;
  expect(damagedPage).toBeGreaterThan(pageCount * 0.25);
  expect(damagedPage).toBeLessThan(pageCount * 0.75);

  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (damagedPage - 1) * pageSize);
  closeSync(fd);
  before = readFileSync(file);
  // Still opens: the header and the schema page are untouched.
  const check = new Database(file, { readonly: true });
  expect(check.pragma('user_version', { simple: true })).toBeGreaterThan(0);
  expect(() => check.prepare('SELECT sum(length(body)) FROM captures').get()).toThrow(
    expect.objectContaining({ code: expect.stringMatching(/^SQLITE_CORRUPT/) }),
  );
  check.close();
}, 120_000);

afterAll(() => dir.remove());

/** Exit 1, nothing on stdout, one line on stderr ending with the code, and no stack trace. */
function expectOneLine(result: CliResult, code: string): string {
  expect(result.code, result.stderr).toBe(1);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines, result.stderr).toHaveLength(1);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(lines[0]).toMatch(new RegExp(`^hookscope: .+ \\[${code}\\]$`));
  return lines[0];
}

describe('a database damaged in the middle of the captures table', () => {
  it(
    'list, show and search refuse with DB_CORRUPT in one line, with and without --json, and write nothing',
    { timeout: 120_000 },
    async () => {
      // `list` shows the newest 50 by default; a longer list reaches back to the damaged page.
      const commands = [
        ['list', '--limit', '10000'],
        ['show', String(damagedId)],
        ['search', token(damagedId)],
      ];
      for (const args of commands) {
        const [plain, json] = await Promise.all([
          runCli([...args, '--data', dir.path]),
          runCli([...args, '--json', '--data', dir.path]),
        ]);
        const line = expectOneLine(plain, 'DB_CORRUPT');
        expect(line).toContain(`${file} is damaged (`);
        expect(line).toMatch(/Hookscope will not write over it\. \[DB_CORRUPT\]$/);
        // --json: the same refusal other coded errors give under --json (stdout stays empty for the script).
        expect(expectOneLine(json, 'DB_CORRUPT'), args.join(' ')).toBe(line);
      }
      expect(readFileSync(file).equals(before)).toBe(true);
      expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    },
  );

  it(
    'refuses the way any other coded error does, while what the damage does not touch still answers',
    { timeout: 120_000 },
    async () => {
      const [missing, endpoints, older, newest] = await Promise.all([
        runCli(['list', '--endpoint', 'ghost', '--json', '--data', dir.path]),
        runCli(['endpoint', 'list', '--json', '--data', dir.path]),
        runCli(['show', '1', '--json', '--data', dir.path]),
        runCli(['list', '--json', '--data', dir.path]),
      ]);
      expect(missing.code).toBe(2);
      expect(missing.stdout).toBe('');
      expect(missing.stderr).toMatch(/^hookscope: .+ \[ENDPOINT_NOT_FOUND\]\n$/);
      expect(endpoints.code, endpoints.stderr).toBe(0);
      expect(JSON.parse(endpoints.stdout).map((e: { slug: string }) => e.slug)).toEqual(['default']);
      expect(older.code, older.stderr).toBe(0);
      expect(JSON.parse(older.stdout).id).toBe(1);
      expect(newest.code, newest.stderr).toBe(0);
      expect(JSON.parse(newest.stdout)).toHaveLength(50);
      expect(readFileSync(file).equals(before)).toBe(true);
    },
  );

  it('the control API answers a call that meets the damage with the coded error, not INTERNAL', async () => {
    const app = createApp({ dataDir: dir.path });
    const control = createControlServer({
      handlers: createApiHandlers(app, { version: 'test', captureUrl: () => null }),
      uiRoot: dir.path,
      captureUrl: () => '',
    });
    try {
      const { port } = await control.listen(0);
      const call = async (method: string, args: unknown) => {
        const res = await fetch(`http://127.0.0.1:${port}/api/${method}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
        return {
          status: res.status,
          json: (await res.json()) as { ok: boolean; error?: { code: string; message: string } },
        };
      };
      for (const [method, args] of [
        ['captures.get', { id: damagedId }],
        ['captures.list', { limit: 10_000 }],
        ['captures.search', { text: token(damagedId) }],
      ] as const) {
        const out = await call(method, args);
        expect(out.status, method).toBe(500);
        expect(out.json.ok).toBe(false);
        expect(out.json.error?.code, method).toBe('DB_CORRUPT');
        expect(out.json.error?.message).toContain(`${file} is damaged (`);
        expect(out.json.error?.message).not.toMatch(/\n/);
      }
      expect((await call('captures.get', { id: 1 })).json.ok).toBe(true);
    } finally {
      await control.close();
      await app.close();
    }
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
