import type { Database } from 'better-sqlite3';

export type SecretRepo = ReturnType<typeof createSecretRepo>;

/**
 * Encrypts signing secrets at rest with what the platform offers (the
 * desktop app passes one built on Electron's safeStorage; the core never
 * imports Electron). `name` is stored beside each sealed secret, so plain
 * and sealed rows can coexist and a sealer only opens its own.
 */
export interface SecretSealer {
  readonly name: string;
  seal(plain: string): Buffer;
  open(sealed: Buffer): string;
}

interface SecretRow {
  id: number;
  endpoint_id: number;
  secret: string;
  sealed_by: string | null;
}

/**
 * An endpoint's signing secrets, several at once (rotation), in the order
 * added. They stay in the local database: never logged, never sent anywhere.
 * With a sealer, they are stored sealed, and plain ones left by an earlier
 * run are sealed when the repository opens. A secret sealed by a sealer this
 * process does not have (the desktop app's, read from the CLI) cannot be
 * read here: it is left out of `list` and counted by `unreadable`.
 */
export function createSecretRepo(db: Database, now: () => number = Date.now, sealer?: SecretSealer) {
  const rowsOf = db.prepare<[number], SecretRow>(
    'SELECT id, endpoint_id, secret, sealed_by FROM endpoint_secrets WHERE endpoint_id = ? ORDER BY id',
  );
  const all = db.prepare<[], SecretRow>('SELECT id, endpoint_id, secret, sealed_by FROM endpoint_secrets ORDER BY id');
  const plainRows = db.prepare<[], SecretRow>(
    'SELECT id, endpoint_id, secret, sealed_by FROM endpoint_secrets WHERE sealed_by IS NULL ORDER BY id',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO endpoint_secrets (endpoint_id, secret, sealed_by, created_at) VALUES (?, ?, ?, ?)',
  );
  const reseal = db.prepare('UPDATE endpoint_secrets SET secret = ?, sealed_by = ? WHERE id = ?');
  const clear = db.prepare('DELETE FROM endpoint_secrets WHERE endpoint_id = ?');
  /** Opened secrets by their stored text: a keychain round trip per secret once, not per analysis batch. */
  const opened = new Map<string, string>();

  function read(row: SecretRow): string | undefined {
    if (row.sealed_by === null) return row.secret;
    if (!sealer || row.sealed_by !== sealer.name) return undefined;
    let plain = opened.get(row.secret);
    if (plain === undefined) {
      try {
        plain = sealer.open(Buffer.from(row.secret, 'base64'));
      } catch {
        return undefined; // sealed under another OS account or keychain: unreadable, like a foreign sealer's
      }
      opened.set(row.secret, plain);
    }
    return plain;
  }

  function stored(secret: string): [string, string | null] {
    if (!sealer) return [secret, null];
    const text = sealer.seal(secret).toString('base64');
    opened.set(text, secret);
    return [text, sealer.name];
  }

  function insertNew(endpointId: number, secrets: string[]): void {
    // Sealed text differs from one seal to the next, so duplicates are found by their opened value.
    const have = new Set(rowsOf.all(endpointId).map(read));
    for (const s of secrets) {
      if (have.has(s)) continue;
      have.add(s);
      insert.run(endpointId, ...stored(s), now());
    }
  }

  if (sealer) {
    const plain = plainRows.all();
    try {
      if (plain.length > 0) {
        db.transaction(() => {
          for (const row of plain) reseal.run(...stored(row.secret), row.id);
        }).immediate();
      }
    } catch {
      // The keychain refused, or the file is busy or read-only: they stay plain (and readable) until a later open.
    }
  }

  return {
    list(endpointId: number): string[] {
      return rowsOf
        .all(endpointId)
        .map(read)
        .filter((s): s is string => s !== undefined);
    },
    /** How many of the endpoint's secrets are sealed by a sealer this process lacks. */
    unreadable(endpointId: number): number {
      return rowsOf.all(endpointId).filter((r) => read(r) === undefined).length;
    },
    /** Every endpoint's secrets, for naming "another configured secret matches" in diagnostics. */
    byEndpoint(): Map<number, string[]> {
      const map = new Map<number, string[]>();
      for (const r of all.all()) {
        const secret = read(r);
        if (secret !== undefined) map.set(r.endpoint_id, [...(map.get(r.endpoint_id) ?? []), secret]);
      }
      return map;
    },
    add(endpointId: number, secrets: string[]): void {
      db.transaction(() => insertNew(endpointId, secrets)).immediate();
    },
    replace(endpointId: number, secrets: string[]): void {
      db.transaction(() => {
        clear.run(endpointId);
        insertNew(endpointId, secrets);
      }).immediate();
    },
  };
}
