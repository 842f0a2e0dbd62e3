import type { Migration } from './types';

/**
 * An index for import's duplicate check (same endpoint, time, method, URL and
 * body), which scanned every capture of the endpoint once per imported row:
 * 20,000 rows into an endpoint holding 20,000 took half a minute. Two integer
 * columns keep the entry small and, since captures arrive in time order, most
 * inserts append at the index's right edge; the few rows sharing an endpoint
 * and millisecond are told apart by the query itself.
 */
export const migration010: Migration = {
  version: 10,
  name: 'import dedupe index',
  up(db) {
    db.exec('CREATE INDEX captures_by_endpoint_time ON captures(endpoint_id, received_at)');
  },
};
