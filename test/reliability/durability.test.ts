// Moved here from test/cli/durability.test.ts and extended: several SIGKILLs in a row, mixed body sizes,
// every acknowledged request checked byte for byte, and the database's own checks.
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/providers';
import { startServeProcess, type ServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Bodies of 0 B to 96 KiB, text and binary, from a seeded generator. */
function bodyFor(rand: () => number): Buffer {
  const size = rand() < 0.8 ? Math.floor(rand() * 2048) : Math.floor(rand() * 96 * 1024);
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = Math.floor(rand() * 256);
  return bytes;
}

/** Eight clients post as fast as they can until the server is gone; returns acknowledged id -> body hash. */
function loadUntilKilled(
  serve: ServeProcess,
  round: number,
  acked: Map<number, string>,
): { stop(): void; done: Promise<void> } {
  let stop = false;
  const clients = Array.from({ length: 8 }, async (_, c) => {
    const rand = mulberry32(round * 100 + c);
    for (let i = 0; !stop; i++) {
      const body = bodyFor(rand);
      try {
        const res = await fetch(`${serve.info.captureUrl}load/r${round}/c${c}/${i}`, { method: 'POST', body });
        if (res.status === 200) acked.set(Number(res.headers.get('x-hookscope-capture-id')), sha(body));
        await res.arrayBuffer();
      } catch {
        return; // the server is gone
      }
    }
  });
  return { stop: () => (stop = true), done: Promise.all(clients).then(() => undefined) };
}

describe('durability', () => {
  it('keeps every acknowledged request, byte for byte, across repeated SIGKILLs mid-load', async () => {
    const dir = tempDir();
    try {
      const acked = new Map<number, string>();
      for (let round = 0; round < 3; round++) {
        const serve = await startServeProcess(dir.path);
        const load = loadUntilKilled(serve, round, acked);
        const target = acked.size + 300;
        while (acked.size < target) await new Promise((r) => setTimeout(r, 5));
        serve.child.kill('SIGKILL');
        const exit = await serve.exited;
        load.stop();
        await load.done;
        expect(exit.signal).toBe('SIGKILL');
      }

      // A last restart on the same folder recovers the WAL and stops cleanly.
      const again = await startServeProcess(dir.path);
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);

      const db = new Database(join(dir.path, 'hookscope.db'), { readonly: true });
      try {
        const stored = new Map(
          (
            db.prepare('SELECT id, body, body_sha256 FROM captures').all() as {
              id: number;
              body: Buffer;
              body_sha256: string;
            }[]
          ).map((r) => [r.id, r]),
        );
        const missing = [...acked.keys()].filter((id) => !stored.has(id));
        expect(missing).toEqual([]);
        const altered = [...acked].filter(
          ([id, hash]) => stored.get(id)!.body_sha256 !== hash || sha(stored.get(id)!.body) !== hash,
        );
        expect(altered).toEqual([]);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
      } finally {
        db.close();
      }
    } finally {
      dir.remove();
    }
  }, 90_000);

  it('shuts down cleanly on SIGTERM with nothing lost', async () => {
    const dir = tempDir();
    try {
      const serve = await startServeProcess(dir.path);
      const posts = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${serve.info.captureUrl}term/${i}`, { method: 'POST', body: String(i) }),
        ),
      );
      expect(posts.every((r) => r.status === 200)).toBe(true);
      serve.child.kill('SIGTERM');
      expect((await serve.exited).code).toBe(0);
      const db = new Database(join(dir.path, 'hookscope.db'), { readonly: true });
      expect((db.prepare('SELECT count(*) AS n FROM captures').get() as { n: number }).n).toBe(50);
      db.close();
    } finally {
      dir.remove();
    }
  });
});
