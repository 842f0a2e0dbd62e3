import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServeProcess } from '../helpers/serve-process';
import { tempDir } from '../helpers/temp-dir';

describe('durability', () => {
  it('keeps every acknowledged request when serve is killed with SIGKILL mid-load', async () => {
    const dir = tempDir();
    try {
      const serve = await startServeProcess(dir.path);
      const acknowledged = new Set<number>();
      let stop = false;
      // Eight clients post as fast as they can; the process is killed under them.
      const clients = Array.from({ length: 8 }, async (_, c) => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await fetch(`${serve.info.captureUrl}load/c${c}/${i}`, { method: 'POST', body: JSON.stringify({ c, i }) });
            if (res.status === 200) acknowledged.add(Number(res.headers.get('x-hookscope-capture-id')));
            await res.arrayBuffer();
          } catch {
            return; // the server is gone
          }
        }
      });
      while (acknowledged.size < 400) await new Promise((r) => setTimeout(r, 5));
      serve.child.kill('SIGKILL');
      const exit = await serve.exited;
      stop = true;
      await Promise.all(clients);
      expect(exit.signal).toBe('SIGKILL');

      // Restart on the same folder: everything acknowledged is there.
      const again = await startServeProcess(dir.path);
      again.child.kill('SIGTERM');
      expect((await again.exited).code).toBe(0);

      const db = new Database(join(dir.path, 'hookscope.db'), { readonly: true });
      const ids = new Set((db.prepare('SELECT id FROM captures').all() as { id: number }[]).map((r) => r.id));
      const missing = [...acknowledged].filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    } finally {
      dir.remove();
    }
  });

  it('shuts down cleanly on SIGTERM with nothing lost', async () => {
    const dir = tempDir();
    try {
      const serve = await startServeProcess(dir.path);
      const posts = await Promise.all(
        Array.from({ length: 50 }, (_, i) => fetch(`${serve.info.captureUrl}term/${i}`, { method: 'POST', body: String(i) })),
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
