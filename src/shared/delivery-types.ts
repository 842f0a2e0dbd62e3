import type { DeliveryPolicy } from './providers';

/**
 * The sender's public vocabulary: what the delivery log, the CLI's --json and
 * the UI's live timeline show. Pure types, shared by core and renderer.
 */

/**
 * How a failed attempt failed. The first six are PROVIDERS.md's failure kinds;
 * 'network' is any other socket error (host unreachable...), 'interrupted' an
 * attempt cut short by stop() or a crash, whose outcome is unknown.
 * 'handshake': the handler answered a provider's handshake (Zoom's URL
 * validation, Slack's url_verification...) but not the way it must.
 */
export const ERROR_KINDS = [
  'status',
  'timeout',
  'connection-refused',
  'connection-reset',
  'dns',
  'tls',
  'network',
  'interrupted',
  'handshake',
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** How a scheduled attempt came to be sent. */
export type AttemptTrigger = 'ladder' | 'now' | 'manual';

/**
 * 'paused': its attempts wait with no sender to run them (the `hookscope send`
 * that ran it was interrupted while no `serve` was running); `serve` or
 * `retry` resumes it.
 */
export type DeliveryStatus = 'pending' | 'paused' | 'delivered' | 'failed';

/** Which time each attempt signs: the clock at sending, or the attempt's provider-schedule time. */
export type TimestampMode = 'real' | 'provider';
export const TIMESTAMP_MODES: readonly TimestampMode[] = ['real', 'provider'];

/** An attempt as the CLI prints it (ISO strings; scheduledAt is provider time). */
export interface AttemptSummary {
  n: number;
  trigger: AttemptTrigger;
  scheduledAt: string;
  sentAt: string | null;
  durationMs: number | null;
  status: number | null;
  errorKind: ErrorKind | null;
  /** Real time it was due; sent well after it (sentAt - dueAt), it went out overdue. */
  dueAt: string;
  /** The timestamp it signed (unix seconds), null for a form that signs none or an attempt not yet sent. */
  signedTimestamp: number | null;
  /** The signature header's value it carried. */
  signature: string | null;
  /** Bytes of response body received (the first 64 KiB are kept); null when no answer came. */
  responseSize: number | null;
  /** For a handshake answered wrong (errorKind 'handshake'): what was wrong and what a right answer is. */
  handshakeProblem?: string;
}

/** What `hookscope send` prints at the end. */
export interface DeliveryResult {
  deliveryId: number;
  webhookId: number;
  provider: string;
  eventType: string;
  eventId: string | null;
  target: string;
  status: DeliveryStatus;
  /** Why a failed delivery stopped: 'exhausted', 'webhook-disabled', or a preparation error. */
  failureReason: string | null;
  /** The signature form every attempt signs in; null: the provider's default. */
  signatureForm: string | null;
  timestamps: TimestampMode;
  attempts: AttemptSummary[];
  /** What the attempts' signing tells the user (attempts sharing a timestamp or a signature), and other cautions. */
  warnings: string[];
}

/** What the handler answered one attempt: status, headers, and the first 64 KiB of the body with the full size. */
export interface AttemptResponseView {
  deliveryId: number;
  n: number;
  status: number | null;
  headers: [string, string][];
  /** The kept bytes (at most 64 KiB), base64. */
  bodyBase64: string;
  /** Bytes kept. */
  keptSize: number;
  /** Bytes the handler sent (may exceed keptSize). */
  size: number;
  errorKind: ErrorKind | null;
  errorMessage: string | null;
}

export type SenderEvent =
  | { type: 'attempt-started'; deliveryId: number; n: number; scheduledAt: string; sentAt: string }
  | {
      type: 'attempt-finished';
      deliveryId: number;
      attempt: AttemptSummary;
      /** The next ladder attempt, if one was scheduled: provider time and real due time. */
      next: { n: number; scheduledAt: string; dueAt: string } | null;
    }
  | { type: 'delivery-finished'; result: DeliveryResult }
  | { type: 'webhook-disabled'; webhookId: number; url: string; failingForMs: number }
  /** A fault inside the engine itself (the database went away...), never a handler's failure. */
  | { type: 'engine-error'; error: { code: string; message: string } };

/** A webhook (provider + URL) as the API shows it; the secret never leaves the store. */
export interface WebhookView {
  id: number;
  provider: string;
  url: string;
  enabled: boolean;
  hasSecret: boolean;
  /** Provider time (ISO) of the first and latest failure of the current failing streak; null when not failing. */
  failingSince: string | null;
  failingLast: string | null;
  disabledAt: string | null;
  /** Why it is disabled ('failing for N ms of provider time', 'disabled by the user'). */
  disabledReason: string | null;
}

/** The handler check's scenarios, in the order they run. */
export type ScenarioId =
  | 'valid'
  | 'duplicate'
  | 'retry'
  | 'slow-handler'
  | 'unknown-event'
  | 'out-of-order'
  | 'burst'
  | 'replay-attack'
  | 'tampered-body'
  | 'wrong-secret'
  | 'unsigned'
  | 'max-size'
  | 'oversized'
  | 'handshake';

export interface CheckRow {
  scenario: ScenarioId;
  /** The signature form the row was signed in, for a provider with several (LRDefender: 'timestamped', 'plain'). */
  form?: string;
  title: string;
  expected: string;
  actual: string;
  /** null: not applicable to this provider, or not judgeable. */
  pass: boolean | null;
  note?: string;
}

/** The handler check's report: one row per scenario. */
export interface CheckReport {
  url: string;
  provider: string;
  eventType: string;
  rows: CheckRow[];
  passed: number;
  failed: number;
  /** Rows that do not apply to the provider or could not be judged. */
  notJudged: number;
  notes: string[];
}

/** A delivery as the UI's timeline draws it: its result, the ladder it runs on, and what waits next. */
export interface DeliveryView {
  result: DeliveryResult;
  policy: DeliveryPolicy;
  createdAt: string;
  /** The waiting attempt, if any: provider-time schedule and real due time. */
  next: {
    scheduledAt: string;
    dueAt: string;
    /** Set while a `hookscope send` process holds the waiting attempt (it sends it itself); others take over after heldUntil. */
    heldBy: string | null;
    heldUntil: string | null;
  } | null;
  /** When the delivery was paused (see DeliveryStatus). */
  pausedAt: string | null;
}
