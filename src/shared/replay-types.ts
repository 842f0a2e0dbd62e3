import type { HeaderPair } from './capture-types';
import { ERROR_KINDS } from './delivery-types';

/**
 * Replays, live forwards, exports and diffs as the API and the CLI show them.
 * Pure types: imported by the renderer as well as the core.
 */

/** 'replay': sent on request (CLI, UI, bulk). 'forward': sent live as the capture arrived. */
export type ReplayKind = 'replay' | 'forward';

/**
 * How a replay or forward failed: the sender's failure kinds, plus 'not-sent'
 * (Hookscope did not send it: a truncated body, a forwarding loop, shutdown).
 */
export const REPLAY_ERROR_KINDS = [...ERROR_KINDS, 'not-sent'] as const;
export type ReplayErrorKind = (typeof REPLAY_ERROR_KINDS)[number];

export interface ResignInfo {
  provider: string;
  /** `<providerId>/<form name>`. */
  scheme: string;
  /** Unix seconds of the fresh signature. */
  timestamp: number;
  /** Which of the endpoint's secrets signed it (0-based); null for a secret given explicitly. */
  secretIndex: number | null;
}

/** What a replay would send, as replays.preview plans it (nothing sent). */
export interface ReplayPreview {
  url: string;
  method: string;
  headers: HeaderPair[];
  resigned: ResignInfo | null;
  warnings: string[];
}

/** One replay or forward, with the request as sent and the target's answer. */
export interface ReplayView {
  id: number;
  captureId: number;
  kind: ReplayKind;
  sentAt: string;
  url: string;
  request: { method: string; headers: HeaderPair[]; bodyBase64: string; bodySize: number };
  resigned: ResignInfo | null;
  /** Method, URL, headers or body were changed from the capture. */
  edited: boolean;
  warnings: string[];
  response: {
    status: number | null;
    headers: HeaderPair[];
    /** The first 64 KiB. */
    bodyBase64: string;
    /** Bytes received (may exceed the kept part). */
    bodySize: number;
  };
  durationMs: number | null;
  ok: boolean;
  errorKind: ReplayErrorKind | null;
  errorMessage: string | null;
}

/** A replay without bodies, for lists and live events. */
export interface ReplaySummary {
  id: number;
  captureId: number;
  kind: ReplayKind;
  sentAt: string;
  url: string;
  method: string;
  status: number | null;
  ok: boolean;
  errorKind: ReplayErrorKind | null;
  durationMs: number | null;
}

export interface BulkReplaySummary {
  /** Captures selected. */
  total: number;
  /** Requests that went out (a capture refused before sending, say a truncated one, is not sent). */
  sent: number;
  succeeded: number;
  failed: number;
  failedByKind: Partial<Record<ReplayErrorKind, number>>;
  /** One row per selected capture, in selection order. */
  results: {
    captureId: number;
    replayId: number | null;
    status: number | null;
    ok: boolean;
    errorKind: ReplayErrorKind | null;
    error: string | null;
  }[];
}

export interface HeaderChange {
  kind: 'added' | 'removed' | 'changed';
  /** The name as in B (added, changed) or A (removed). */
  name: string;
  /** Which occurrence of that name (0-based, case-insensitive): duplicates are compared in order. */
  occurrence: number;
  before?: HeaderPair;
  after?: HeaderPair;
}

export interface JsonChange {
  kind: 'added' | 'removed' | 'changed';
  /** `$.data.items[2].id` */
  path: string;
  before?: unknown;
  after?: unknown;
}

export interface LineChange {
  /** '@' stands for a stretch of unchanged lines left out (`count` of them; `text` is empty). */
  op: ' ' | '+' | '-' | '@';
  text: string;
  count?: number;
  /** Characters of a very long line left out after `text`. */
  cut?: number;
}

/**
 * A diff is bounded: at most so many changes are listed (`more` counts the
 * rest), and when the comparison was cut short or simplified to keep its work
 * bounded, `partial` says how (then the counts may not be exact).
 */
export interface DiffBounds {
  more: number;
  partial?: string;
}

export type BodyDiff =
  | { kind: 'equal'; size: number }
  | ({ kind: 'json'; changes: JsonChange[] } & DiffBounds)
  | ({ kind: 'text'; lines: LineChange[]; added: number; removed: number } & DiffBounds)
  | { kind: 'binary'; sizeA: number; sizeB: number; sha256A: string; sha256B: string };

export interface CaptureDiff {
  a: number;
  b: number;
  /** Request-line fields that differ. */
  request: { field: 'method' | 'path' | 'query' | 'endpoint'; before: string; after: string }[];
  headers: HeaderChange[];
  /** Header changes past the cap, not listed. */
  headersMore: number;
  body: BodyDiff;
  /** Bodies were compared after undoing Content-Encoding. */
  decoded: boolean;
}

export interface ImportReport {
  format: 'ndjson' | 'har';
  captures: number;
  replays: number;
  /** Captures already present (same endpoint, time, method, URL and body), not imported twice. */
  skipped: number;
  endpointsCreated: string[];
  /** Old capture id (from the file) to new id, for NDJSON; HAR entries are numbered from 1 in file order. */
  idMap: Record<string, number>;
}

export interface CurlExport {
  /** One bash line. */
  command: string;
  /** A binary body goes in a file the command reads with --data-binary @file. */
  bodyFile: { name: string; bodyBase64: string } | null;
  /** What the user should know (headers left out, a truncated body), as inert text. */
  notes: string[];
}

/** Copy as cURL: one self-contained bash line (a binary body piped in from base64) and what the user should know. */
export interface CurlCopy {
  command: string;
  notes: string[];
}
