import type { Database } from 'better-sqlite3';

export type SecretRepo = ReturnType<typeof createSecretRepo>;

/**
 * An endpoint's signing secrets, several at once (rotation), in the order
 * added. They stay in the local database: never logged, never sent anywhere.
 */
export function createSecretRepo(db: Database, now: () => number = Date.now) {
  const list = db.prepare<[number], { secret: string }>('SELECT secret FROM endpoint_secrets WHERE endpoint_id = ? ORDER BY id');
  const all = db.prepare<[], { endpoint_id: number; secret: string }>('SELECT endpoint_id, secret FROM endpoint_secrets ORDER BY id');
  const insert = db.prepare('INSERT OR IGNORE INTO endpoint_secrets (endpoint_id, secret, created_at) VALUES (?, ?, ?)');
  const clear = db.prepare('DELETE FROM endpoint_secrets WHERE endpoint_id = ?');

  return {
    list(endpointId: number): string[] {
      return list.all(endpointId).map((r) => r.secret);
    },
    /** Every endpoint's secrets, for naming "another configured secret matches" in diagnostics. */
    byEndpoint(): Map<number, string[]> {
      const map = new Map<number, string[]>();
      for (const r of all.all()) map.set(r.endpoint_id, [...(map.get(r.endpoint_id) ?? []), r.secret]);
      return map;
    },
    add(endpointId: number, secrets: string[]): void {
      db.transaction(() => {
        for (const s of secrets) insert.run(endpointId, s, now());
      })();
    },
    replace(endpointId: number, secrets: string[]): void {
      db.transaction(() => {
        clear.run(endpointId);
        for (const s of secrets) insert.run(endpointId, s, now());
      })();
    },
  };
}
