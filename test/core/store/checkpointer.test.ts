import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/core/store/db';
import { startCheckpointer } from '../../../src/core/store/checkpointer';
import { tempDir } from '../../helpers/temp-dir';

describe('checkpointer', () => {
  it('keeps the WAL bounded under continuous writes, off the main thread', async () => {
    const dir = tempDir();
    const file = join(dir.path, 'hookscope.db');
    const db = openDatabase({ file });
    const checkpointer = startCheckpointer(db, file, { intervalMs: 20, restartAboveFrames: 256 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    const insert =
      db.prepare(`INSERT INTO captures (endpoint_id, received_at, method, url, path, query, http_version, headers, body, body_size, body_sha256)
      VALUES (1, 0, 'POST', '', '/', '', '1.1', '[]', ?, 4096, '')`);
    const body = Buffer.alloc(4096, 1);
    const tx = db.transaction(() => {
      for (let i = 0; i < 50; i++) insert.run(body);
    });
    // 40 MiB written in small transactions, with pauses the worker can use.
    for (let round = 0; round < 200; round++) {
      tx();
      await new Promise((r) => setTimeout(r, round % 25 === 24 ? 20 : 2));
    }
    // Unchecked, the WAL would hold all 40 MiB; the worker keeps it to a fraction (how small depends on how much
    // of the 2 cores it got, so the bound is loose enough for a loaded machine).
    const walBytes = statSync(`${file}-wal`).size;
    expect(walBytes).toBeLessThan(24 * 1024 * 1024);
    await checkpointer.stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect((db.prepare('SELECT count(*) AS n FROM captures').get() as { n: number }).n).toBe(10_000);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    dir.remove();
  });
});
