import type { Migration } from './types';

/**
 * Which sealer (if any) encrypted a signing secret: NULL for a secret kept
 * as plain text in the owner-only database (browser mode, the CLI, or a
 * desktop without OS encryption), else the sealer's name ('safeStorage'),
 * with `secret` holding the sealed bytes as base64. Plain and sealed rows
 * coexist; the desktop app seals the plain ones when it opens the file.
 */
export const migration013: Migration = {
  version: 13,
  name: 'sealed secrets',
  up(db) {
    db.exec('ALTER TABLE endpoint_secrets ADD COLUMN sealed_by TEXT');
  },
};
