import { z } from 'zod';
import { headerPairSchema, slugSchema, type Endpoint } from './capture-types';
import { captureFilterFields } from './capture-filter';
import type { HarDocument } from './har-types';
import type {
  BulkReplaySummary,
  CaptureDiff,
  CurlCopy,
  CurlExport,
  ImportReport,
  ReplayPreview,
  ReplayView,
} from './replay-types';

const id = z.number().int().positive();
const httpUrl = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//i.test(u), 'an http or https URL');
/** An ISO time, or a duration back from now: 30m, 24h, 7d. */
const since = z.string().min(1).max(64);

const selection = {
  ids: z.array(id).max(100_000).optional(),
  endpoint: z.string().optional(),
  since: since.optional(),
};

/** What a replay sends: replays.preview shows it, replays.send sends it. */
const replayRequest = {
  id,
  /** Exact target; default: the endpoint's forward URL with the capture's path suffix and query. */
  url: httpUrl.optional(),
  method: z.string().min(1).max(32).optional(),
  headers: z.array(headerPairSchema).max(1000).optional(),
  bodyBase64: z
    .string()
    .max(70 * 1024 * 1024)
    .optional(),
  resign: z.boolean().optional(),
  /** Implies resign; default: the endpoint's first secret. */
  secret: z.string().min(1).max(4096).optional(),
  /** Re-sign with this timestamp (unix seconds), e.g. the one replays.preview showed; default: now. */
  signedAt: z.number().int().min(0).max(9_999_999_999).optional(),
};

/** Replay, forwarding, export/import and diff: their part of the API contract. */
export const replayApiArgs = {
  /** Sends a capture again: as captured, or edited; re-signed with a fresh timestamp on request. */
  'replays.send': z.object({ ...replayRequest, timeoutMs: z.number().int().min(1).max(600_000).optional() }).strict(),
  /** What replays.send with these arguments would send now (target, method, headers as re-signed), without sending it. */
  'replays.preview': z.object(replayRequest).strict(),
  /** Replays given ids in that order, or every capture a filter matches, oldest first. */
  'replays.bulk': z
    .object({
      ids: z.array(id).min(1).max(10_000).optional(),
      filter: z
        .object({ ...captureFilterFields, since: since.optional() })
        .strict()
        .optional(),
      url: httpUrl.optional(),
      resign: z.boolean().optional(),
      secret: z.string().min(1).max(4096).optional(),
      concurrency: z.number().int().min(1).max(64).optional(),
      timeoutMs: z.number().int().min(1).max(600_000).optional(),
    })
    .strict()
    .refine((a) => (a.ids === undefined) !== (a.filter === undefined), 'give ids or a filter, not both'),
  'replays.list': z.object({ captureId: id }).strict(),
  'replays.get': z.object({ id }).strict(),
  /** Live forwarding: every capture of the endpoint is also sent to url (null: off). */
  'endpoints.forward': z
    .object({ slug: slugSchema, url: httpUrl.nullable(), mode: z.enum(['rule', 'proxy']).optional() })
    .strict(),
  'export.curl': z.object({ id }).strict(),
  /** Copy as cURL: one bash line to paste, self-contained (a binary body piped in from base64). */
  'captures.curl': z.object({ id }).strict(),
  'export.har': z.object(selection).strict(),
  'export.ndjson': z.object(selection).strict(),
  /** The text of an NDJSON export or a HAR document. */
  'import.text': z
    .object({
      text: z
        .string()
        .min(1)
        .max(512 * 1024 * 1024),
    })
    .strict(),
  'captures.diff': z.object({ a: id, b: id }).strict(),
} as const;

export interface ReplayApiResults {
  'replays.send': ReplayView;
  'replays.preview': ReplayPreview;
  'replays.bulk': BulkReplaySummary;
  'replays.list': ReplayView[];
  'replays.get': ReplayView;
  'endpoints.forward': Endpoint;
  'export.curl': CurlExport;
  'captures.curl': CurlCopy;
  'export.har': HarDocument;
  'export.ndjson': { text: string };
  'import.text': ImportReport;
  'captures.diff': CaptureDiff;
}
