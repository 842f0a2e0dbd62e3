/**
 * `hookscope list`'s filters: the UI's filters (provider, event type, method,
 * signature status, time, search) as flags, turned into the one capture query
 * the API's `captures.list` takes (src/core/capture-query.ts).
 */
import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import type { SignatureStatus } from '../../shared/providers';
import type { CaptureQuery } from '../../core/capture-query';
import { parseSince } from '../../core/replay/since';
import { idArg } from '../parse';

export interface ListFlags {
  endpoint?: string;
  provider?: string;
  event?: string;
  method?: string;
  signature?: string;
  since?: string;
  until?: string;
  search?: string;
  before?: number;
  after?: number;
  limit: number;
}

const SIGNATURE_STATUSES: readonly SignatureStatus[] = [
  'valid',
  'invalid',
  'stale',
  'missing',
  'malformed',
  'no-secret',
];

export function withListFilters(command: Command): Command {
  return command
    .option('--provider <id>', 'only captures attributed to this provider')
    .option('--event <type>', 'only captures of this event type')
    .option('--method <method>', 'only this HTTP method (any case)')
    .option('--signature <status>', `only this signature verdict: ${SIGNATURE_STATUSES.join(', ')}`)
    .option('--since <time>', 'only captures received since then (ISO time, or 30m, 24h, 7d back)')
    .option('--until <time>', 'only captures received before then (ISO time, or 30m, 24h, 7d back)')
    .option('--search <text>', 'only captures whose path, headers or text body hold these words (each a prefix)')
    .option('--before <id>', 'the page older than this capture id (pass the last id shown)', idArg)
    .option('--after <id>', 'the page newer than this capture id (pass the first id shown)', idArg);
}

/** The flags as a capture query; a bad value is refused before anything is read. */
export function listQuery(flags: ListFlags, nowMs: number): CaptureQuery {
  const signature = flags.signature?.trim().toLowerCase();
  if (signature !== undefined && !SIGNATURE_STATUSES.includes(signature as SignatureStatus)) {
    throw new HookscopeError(
      'BAD_INPUT',
      `--signature must be one of ${SIGNATURE_STATUSES.join(', ')}, got "${flags.signature}"`,
    );
  }
  const method = flags.method?.trim();
  if (method !== undefined && !/^[A-Za-z]+$/.test(method))
    throw new HookscopeError('BAD_INPUT', `--method must be an HTTP method such as POST, got "${flags.method}"`);
  const since = flags.since === undefined ? undefined : parseSince(flags.since, nowMs, '--since');
  const until = flags.until === undefined ? undefined : parseSince(flags.until, nowMs, '--until');
  if (since !== undefined && until !== undefined && since >= until) {
    throw new HookscopeError(
      'BAD_INPUT',
      `--since (${new Date(since).toISOString()}) must be before --until (${new Date(until).toISOString()})`,
    );
  }
  if (flags.before !== undefined && flags.after !== undefined && flags.after >= flags.before) {
    throw new HookscopeError('BAD_INPUT', `--after ${flags.after} must be below --before ${flags.before}`);
  }
  const text = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s.trim());
  return {
    endpoint: text(flags.endpoint),
    provider: text(flags.provider),
    eventType: text(flags.event),
    method: method || undefined,
    signatureStatus: signature || undefined,
    since,
    until,
    search: text(flags.search),
    beforeId: flags.before,
    afterId: flags.after,
    limit: flags.limit,
  };
}
