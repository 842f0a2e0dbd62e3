import type { Database } from 'better-sqlite3';

/** How many captures lie above a background task's high-water mark (an index range count: cheap even over a large history). */
export function createBacklogRepo(db: Database) {
  const above = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM captures WHERE id > ?');
  return {
    countAbove(upto: number): number {
      return above.get(upto)?.n ?? 0;
    },
  };
}
