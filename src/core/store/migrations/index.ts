import type { Migration } from './types';
import { migration001 } from './001_endpoints_and_captures';
import { migration002 } from './002_search';
import { migration003 } from './003_deliveries';
import { migration004 } from './004_analysis';
import { migration005 } from './005_replays';
import { migration006 } from './006_retention';
import { migration007 } from './007_attempt_queues';
import { migration008 } from './008_search_vocab';
import { migration009 } from './009_list_filter_indexes';
import { migration010 } from './010_import_dedupe_index';
import { migration011 } from './011_webhook_subscription_ids';
import { migration012 } from './012_delivery_signing_and_handoff';
import { migration013 } from './013_sealed_secrets';
import { migration014 } from './014_search_slices';
import { migration016 } from './016_capture_id_floor';

/** Every migration, ordered by version. Append only: a shipped migration never changes. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration016,
].sort((a, b) => a.version - b.version);

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export type { Migration };
