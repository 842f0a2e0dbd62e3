import type { Database } from 'better-sqlite3';

/**
 * Gives the pages freed by deleting captures back to the file system, a few
 * per step (PRAGMA incremental_vacuum), so the file shrinks after a clean-up
 * without one long VACUUM holding the database. Only databases created with
 * auto_vacuum = INCREMENTAL (every one created since migration 016's release)
 * can; in an older one the freed pages are reused by new captures instead.
 */
export function createReclaimer(db: Database) {
  const incremental = (db.pragma('auto_vacuum', { simple: true }) as number) === 2;
  return {
    incremental,
    /** Frees up to `max` pages; returns how many it freed (0: none is free, or the file cannot shrink). */
    run(max: number): number {
      if (!incremental || max <= 0) return 0;
      const free = db.pragma('freelist_count', { simple: true }) as number;
      if (free === 0) return 0;
      const pages = Math.min(free, max);
      db.pragma(`incremental_vacuum(${pages})`);
      return pages;
    },
    /** Pages free inside the file. */
    freePages(): number {
      return db.pragma('freelist_count', { simple: true }) as number;
    },
  };
}

export type Reclaimer = ReturnType<typeof createReclaimer>;
