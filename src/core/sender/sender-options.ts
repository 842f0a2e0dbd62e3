import type { Clock } from '../clock';
import type { AttemptRecord, DeliveryRecord, DeliveryRepo } from '../store/deliveries';
import type { DeliveryAdapter } from './adapter';
import type { EngineOptions } from './engine';
import type { WebhookInfo } from './summary';
import type { AttemptFn, DeliveryPolicy, DeliveryResult, TimestampMode } from './types';

/** What createSender is given, what its commands take and what they answer. */

export interface SenderOptions {
  /** The delivery log it runs on (createDeliveryRepo over the app's database). */
  deliveries: DeliveryRepo;
  /** The real clock (a ManualClock in tests). Default: the system clock. */
  clock?: Clock;
  /** Provider time per real time for waits between attempts (3600: an hour a second). Default 1. */
  speed?: number;
  /** The HTTP attempt. Default: performAttempt (node:http/https). */
  attempt?: AttemptFn;
  /** Provider policies and request building. Default: createRegistryAdapter() (the built-in providers). */
  providers?: DeliveryAdapter;
  /** Pick up attempts left waiting in the database by an earlier run (default true; a one-shot CLI send may pass false). */
  resumePending?: boolean;
  /** This engine's claim id; random by default. */
  owner?: string;
  leaseGraceMs?: number;
  /** How waiting attempts stored in the database are armed (see arming.ts); the defaults suit a server. */
  arming?: EngineOptions['arming'];
  /**
   * A one-shot run (`hookscope send`, `retry`): hold the delivery's waiting
   * attempts so a running `serve` leaves them to this process, until this long
   * after each is due (then a `serve` takes over one this process left behind).
   */
  holdGraceMs?: number;
  /** How often (ms) to look for deliveries other processes handed over (a server sets it: leases.ts pollMs). */
  handoffPollMs?: number;
}

/** How long after its due time a `send` run's hold on a waiting attempt lasts, should the run die without letting go. */
export const DEFAULT_HOLD_GRACE_MS = 10_000;

export interface SendInput {
  provider: string;
  eventType: string;
  /** The event (JSON value) or its exact bytes; the provider's sample when omitted, if the provider makes one. */
  payload?: unknown;
  /** The handler's URL. The (provider, url) pair is the webhook; it is created on first use. */
  url: string;
  /** Signing secret; when omitted, the webhook keeps the one it has. */
  secret?: string;
  /** Overrides of the provider's delivery policy for this delivery (timeout, success rule, ladder). */
  policy?: Partial<DeliveryPolicy>;
  /** The webhook's subscription id (`wh_...`) in the provider's format; when omitted, the webhook keeps the one it has (made on its first send). */
  webhookId?: string;
  /** Without a payload: the seed of the sample (the content a preview showed), made at send time; random when omitted. */
  sampleSeed?: number;
  /** The signature form every attempt signs in (LRDefender 'plain' | 'timestamped'); the provider's default when absent. */
  form?: string;
  /** Which time each attempt signs: 'real' (default, the clock at sending) or 'provider' (its schedule time). */
  timestamps?: TimestampMode;
  /** Store the delivery and hand it over at once (paused until a running sender takes it) instead of running it here. */
  detach?: boolean;
}

export interface SendStarted {
  deliveryId: number;
  webhookId: number;
  eventId: string | null;
  /** The webhook's provider-format subscription id, carried in the sample's `webhookId` / `meta.webhookId`; null when the provider names none. */
  subscriptionId: string | null;
  policy: DeliveryPolicy;
  /** Things the provider would not accept (plain http where it requires https, a body above its limit); sent anyway. */
  warnings: string[];
}

export interface DeliveryDetail {
  result: DeliveryResult;
  delivery: DeliveryRecord;
  webhook: WebhookInfo;
  /** Every attempt, with request and response, including one still waiting. */
  attempts: AttemptRecord[];
}

export interface RetryFailedReport {
  retried: number[];
  skipped: { deliveryId: number; reason: string }[];
}
