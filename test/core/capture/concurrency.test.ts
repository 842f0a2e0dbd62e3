import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startCaptureApp } from '../../helpers/capture-app';

function post(port: number, path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('concurrency', () => {
  it('2,000 requests from 50 concurrent clients give exactly 2,000 rows', async () => {
    const cap = await startCaptureApp();
    try {
      const statuses: number[] = [];
      await Promise.all(
        Array.from({ length: 50 }, async (_, client) => {
          for (let i = 0; i < 40; i++)
            statuses.push(await post(cap.port, `/conc/${client}/${i}`, JSON.stringify({ client, i })));
        }),
      );
      expect(statuses).toHaveLength(2000);
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(cap.app.captures.count()).toBe(2000);
      const paths = new Set(cap.app.captures.list({ limit: 5000 }).map((c) => c.path));
      expect(paths.size).toBe(2000);
    } finally {
      await cap.close();
    }
  });
});
