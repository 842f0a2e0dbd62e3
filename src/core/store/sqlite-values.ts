/** What better-sqlite3 returns for a row, and the two encodings the store binds values with (JSON text, BLOB bytes). */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a row's columns are typed where it is read
export type Row = Record<string, any>;

export const json = (value: unknown): string => JSON.stringify(value);

/** A Buffer view of the bytes (no copy), as better-sqlite3 binds a BLOB. */
export const bytes = (value: Uint8Array): Buffer => Buffer.from(value.buffer, value.byteOffset, value.byteLength);
