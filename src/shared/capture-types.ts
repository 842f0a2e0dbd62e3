import { z } from 'zod';
import type { SignatureVerdict } from './providers';

/** A header exactly as received: name in its original case, value as sent. */
export type HeaderPair = [name: string, value: string];

export const headerPairSchema = z.tuple([z.string(), z.string()]);

/**
 * How an endpoint answers. The success answer is status/headers/body after
 * delayMs; failFirst, failRate, hang and reset shape failures so a sender's
 * retries and timeouts can be exercised.
 */
export const responseRuleSchema = z
  .object({
    status: z.number().int().min(100).max(599).default(200),
    headers: z.array(headerPairSchema).default([]),
    /** null: the default JSON body naming the capture id. */
    body: z.string().nullable().default(null),
    delayMs: z.number().int().min(0).max(600_000).default(0),
    failFirst: z.number().int().min(0).max(1_000_000).default(0),
    failRate: z.number().min(0).max(1).default(0),
    failStatus: z.number().int().min(100).max(599).default(500),
    seed: z.number().int().default(1),
    hang: z.boolean().default(false),
    reset: z.boolean().default(false),
  })
  .strict();

export type ResponseRule = z.infer<typeof responseRuleSchema>;

export const DEFAULT_RULE: ResponseRule = responseRuleSchema.parse({});

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const slugSchema = z
  .string()
  .regex(
    SLUG_PATTERN,
    'a slug is 1-63 characters: lower-case letters, digits, "-" or "_", starting with a letter or digit',
  );

/** Retention bounds, the same for the CLI (`--keep`, `--keep-days`), the API and the UI. */
export const KEEP_COUNT_MAX = 2 ** 31 - 1;
export const KEEP_DAYS_MIN = 0.000001;
export const KEEP_DAYS_MAX = 36_500;

const KEEP_COUNT_MESSAGE = `must be a whole number from 1 to ${KEEP_COUNT_MAX}`;
const KEEP_DAYS_MESSAGE = `must be a number of days from ${KEEP_DAYS_MIN} to ${KEEP_DAYS_MAX}`;

/**
 * An endpoint's retention: keep only its newest `keepCount` captures, delete
 * those older than `keepDays` days. null is no limit.
 */
export const retentionSchema = z
  .object({
    keepCount: z
      .number({ error: KEEP_COUNT_MESSAGE })
      .int(KEEP_COUNT_MESSAGE)
      .min(1, KEEP_COUNT_MESSAGE)
      .max(KEEP_COUNT_MAX, KEEP_COUNT_MESSAGE)
      .nullable(),
    keepDays: z
      .number({ error: KEEP_DAYS_MESSAGE })
      .min(KEEP_DAYS_MIN, KEEP_DAYS_MESSAGE)
      .max(KEEP_DAYS_MAX, KEEP_DAYS_MESSAGE)
      .nullable(),
  })
  .strict();

export type RetentionLimits = z.infer<typeof retentionSchema>;

export const NO_RETENTION: RetentionLimits = { keepCount: null, keepDays: null };

export interface Endpoint {
  id: number;
  slug: string;
  createdAt: string;
  rule: ResponseRule;
  provider: string | null;
  forwardUrl: string | null;
  forwardMode: 'rule' | 'proxy';
  /** Its current retention limits (applied by `serve` in the background). */
  retention: RetentionLimits;
}

/** What the capture server did with a request. */
export type CaptureResponse =
  | { kind: 'answered'; status: number; headers: HeaderPair[]; body: string; delayMs: number; reason?: string }
  | { kind: 'hang' }
  | { kind: 'reset' }
  | { kind: 'none'; reason: string };

export interface CaptureSummary {
  id: number;
  endpoint: string;
  receivedAt: string;
  method: string;
  path: string;
  /** The query string as received, without its '?' ('' when none). */
  query: string;
  bodySize: number;
  truncated: boolean;
  responseStatus: number | null;
  provider: string | null;
  eventType: string | null;
  signatureStatus: string | null;
}

/** The full record; `hookscope show --json` prints this shape. */
export interface CaptureDetail {
  id: number;
  endpoint: string;
  receivedAt: string;
  method: string;
  url: string;
  path: string;
  query: string;
  httpVersion: string;
  remoteAddress: string | null;
  remotePort: number | null;
  headers: HeaderPair[];
  bodyBase64: string;
  bodySize: number;
  bodyStoredSize: number;
  bodySha256: string;
  truncated: boolean;
  error: string | null;
  response: CaptureResponseView;
  /** The provider that sent it (the endpoint's binding, else detected), or null. */
  provider: string | null;
  eventType: string | null;
  /** The signature verdict at the time of receipt, with its diagnostics; null without a provider. */
  signature: SignatureVerdict | null;
}

/** A response as shown: every kind has a status, null when no status line was sent. */
export interface CaptureResponseView {
  kind: CaptureResponse['kind'];
  status: number | null;
  headers?: HeaderPair[];
  body?: string;
  delayMs?: number;
  reason?: string;
}
