import { z } from 'zod';
import type { AttemptResponseView, CheckReport, DeliveryView, SenderEvent, WebhookView } from './delivery-types';
import type { ProviderDefinition } from './providers';
import {
  tunnelAuthtokenArgsSchema,
  tunnelStartArgsSchema,
  type TunnelAuthtokenResult,
  type TunnelSelfTestResult,
  type TunnelStatus,
} from './tunnel-types';
import {
  responseRuleSchema,
  retentionSchema,
  slugSchema,
  type CaptureDetail,
  type CaptureSummary,
  type Endpoint,
} from './capture-types';
import { replayApiArgs, type ReplayApiResults } from './replay-api';
import { captureFilterFields } from './capture-filter';
import type { ReplaySummary } from './replay-types';

/** Signing secrets given at once: 1 to 4096 characters each, at most 20. */
export const secretListSchema = z.array(z.string().min(1).max(4096)).max(20);

/**
 * The API contract: every method once, with the runtime schema of its
 * arguments. Both transports (HTTP for browser mode, IPC for the desktop
 * window) are built from this one table and validate every call with it.
 */
export const apiArgs = {
  'captures.list': z
    .object({
      ...captureFilterFields,
      beforeId: z.number().int().positive().optional(),
      /** Newer than this id: the `limit` captures just above it, listed newest first. */
      afterId: z.number().int().nonnegative().optional(),
      /** Received at or after / before these times, epoch ms. */
      since: z.number().int().nonnegative().optional(),
      until: z.number().int().nonnegative().optional(),
      /** Full-text search words, combined with the other filters. */
      search: z.string().max(1000).optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
    })
    .strict(),
  'captures.get': z.object({ id: z.number().int().positive() }).strict(),
  'captures.body': z.object({ id: z.number().int().positive() }).strict(),
  'captures.search': z
    .object({ text: z.string().min(1).max(1000), limit: z.number().int().min(1).max(10_000).optional() })
    .strict(),
  /**
   * Deletes captures: exactly one of `ids`, a filter (the list's fields, at least one) or `all: true`; only those
   * that existed when asked. Counted at once, deleted in the background in bounded slices. `dryRun`: only counts.
   */
  'captures.delete': z
    .object({
      ids: z.array(z.number().int().positive()).min(1).max(10_000).optional(),
      endpoint: z.string().max(200).optional(),
      provider: z.string().max(200).optional(),
      eventType: z.string().max(500).optional(),
      method: z.string().max(50).optional(),
      signatureStatus: z.string().max(50).optional(),
      all: z.literal(true).optional(),
      dryRun: z.boolean().optional(),
    })
    .strict(),
  'endpoints.list': z.object({}).strict(),
  /** Deletes an endpoint and all its captures (in the background, in bounded slices). `dryRun`: only counts them. */
  'endpoints.delete': z.object({ slug: z.string(), dryRun: z.boolean().optional() }).strict(),
  /** `retention`: a limit left out is unchanged (none when creating); null lifts it. */
  /** `provider` binds it at once; `secrets` are its signing secrets (as `endpoint create --provider P --secret S`). */
  'endpoints.create': z
    .object({
      slug: slugSchema,
      rule: responseRuleSchema.partial().optional(),
      retention: retentionSchema.partial().optional(),
      provider: z.string().min(1).optional(),
      secrets: secretListSchema.optional(),
    })
    .strict(),
  /** One save for the whole endpoint form: rule, retention, provider (null unbinds) and secrets (`secretsMode` as in endpoints.bind; default 'replace'). */
  'endpoints.update': z
    .object({
      slug: z.string(),
      rule: responseRuleSchema.partial().optional(),
      retention: retentionSchema.partial().optional(),
      provider: z.string().min(1).nullable().optional(),
      secrets: secretListSchema.optional(),
      secretsMode: z.enum(['add', 'replace']).optional(),
    })
    .strict(),
  'app.info': z.object({}).strict(),
  'app.backlog': z.object({}).strict(),
  'providers.list': z.object({}).strict(),
  'providers.sample': z
    .object({ provider: z.string(), eventType: z.string(), seed: z.number().int().optional() })
    .strict(),
  'endpoints.bind': z
    .object({
      slug: z.string(),
      /** null unbinds. */
      provider: z.string().nullable().optional(),
      secrets: secretListSchema.optional(),
      /** 'add' keeps the secrets set before (rotation); 'replace' drops them. */
      mode: z.enum(['add', 'replace']).optional(),
    })
    .strict(),
  'sender.send': z
    .object({
      provider: z.string(),
      eventType: z.string(),
      url: z.string().url(),
      /** The event's exact text as edited; the provider's sample when absent. */
      payload: z
        .string()
        .max(50 * 1024 * 1024)
        .optional(),
      secret: z.string().min(1).optional(),
      timeoutMs: z.number().int().min(1).max(600_000).optional(),
      /** The webhook's subscription id (`wh_...`); the stored one, else a new one, when absent. */
      webhookId: z.string().min(1).max(100).optional(),
      /** Without a payload: the sample of this seed, made at send time (its times are the send's, its webhook id the webhook's). */
      seed: z.number().int().optional(),
      /** The signature form every attempt signs in (LRDefender 'plain' | 'timestamped'); the provider's default when absent. */
      form: z.string().min(1).max(100).optional(),
      /** Which time each attempt signs: the clock at sending (default) or its provider-schedule time. */
      timestamps: z.enum(['real', 'provider']).optional(),
    })
    .strict(),
  'sender.setSpeed': z.object({ speed: z.number().min(0.001).max(10_000_000) }).strict(),
  /** The sender's current speed-up (set by serve --speed, another window, or sender.setSpeed). */
  'sender.info': z.object({}).strict(),
  'sender.check': z
    .object({
      provider: z.string(),
      url: z.string().url(),
      secret: z.string().min(1),
      eventType: z.string().optional(),
      effectsUrl: z.string().url().optional(),
    })
    .strict(),
  /** The sender's webhooks (provider + URL), with their failing streak and disabled state. */
  'webhooks.list': z.object({}).strict(),
  /** Enables a webhook (clearing its failing streak: Prynt's re-enable) or disables it (failing what waits on it). */
  'webhooks.setEnabled': z.object({ id: z.number().int().positive(), enabled: z.boolean() }).strict(),
  'deliveries.list': z
    .object({ limit: z.number().int().min(1).max(1000).optional(), beforeId: z.number().int().positive().optional() })
    .strict(),
  'deliveries.get': z.object({ id: z.number().int().positive() }).strict(),
  'deliveries.retry': z.object({ id: z.number().int().positive() }).strict(),
  'deliveries.sendNextNow': z.object({ id: z.number().int().positive() }).strict(),
  /** What the handler answered one attempt (status, headers, the first 64 KiB of body and its full size). */
  'deliveries.attempt': z.object({ id: z.number().int().positive(), n: z.number().int().positive() }).strict(),
  /** The public tunnel: it forwards to the capture server only, never to this API. */
  'tunnel.start': tunnelStartArgsSchema,
  'tunnel.stop': z.object({}).strict(),
  'tunnel.status': z.object({}).strict(),
  /** Sends a request through the public URL and confirms it arrives as a capture. */
  'tunnel.selfTest': z.object({}).strict(),
  /** Keeps a tunnel service's credential (ngrok's authtoken) outside the database: OS-encrypted in the desktop app, in memory in `serve`. */
  'tunnel.setAuthtoken': tunnelAuthtokenArgsSchema,
  ...replayApiArgs,
} as const;

/** A capture's stored body with its Content-Encoding (gzip, deflate, br) undone, for display. */
export interface DecodedBodyView {
  bodyBase64: string;
  size: number;
  /** The encodings undone, outermost first; empty when the body was sent as is. */
  decoded: string[];
  /** Why decoding stopped, when it did (the bytes are then as far as it got). */
  error: string | null;
  /** Valid UTF-8 with no NUL byte. */
  isText: boolean;
}

export interface AppInfo {
  version: string;
  dataDir: string;
  captureUrl: string | null;
}

/** Background work not yet done: captures stored but without a verdict, or not yet in the search index. */
export interface Backlog {
  verdictsPending: number;
  indexPending: number;
}

/** What each method returns. */
export interface ApiResults extends ReplayApiResults {
  'captures.list': CaptureSummary[];
  'captures.get': CaptureDetail;
  'captures.body': DecodedBodyView;
  'captures.search': CaptureSummary[];
  /** `count`: the captures taken (or that would be, with dryRun). */
  'captures.delete': { count: number; dryRun: boolean };
  /** Each with how many signing secrets it has (never the secrets). */
  'endpoints.list': (Endpoint & { secretCount: number })[];
  'endpoints.delete': { slug: string; count: number; dryRun: boolean };
  'endpoints.create': Endpoint;
  'endpoints.update': Endpoint;
  'app.info': AppInfo;
  'app.backlog': Backlog;
  'providers.list': ProviderDefinition[];
  /** The body the provider posts: an object, or an array where the provider batches events (SendGrid). */
  'providers.sample': Record<string, unknown> | unknown[];
  'endpoints.bind': Endpoint & { secretCount: number };
  /** publicKey: for a provider that signs with Ed25519, ECDSA P-256 or an ES256 JWT (a JWK), the public key the handler must be configured with (the pair the secret stands for). */
  'sender.send': {
    deliveryId: number;
    eventId: string | null;
    warnings: string[];
    generatedSecret: string | null;
    subscriptionId: string | null;
    publicKey?: string | null;
  };
  'sender.setSpeed': { speed: number };
  'sender.info': { speed: number };
  'sender.check': CheckReport;
  'webhooks.list': WebhookView[];
  'webhooks.setEnabled': WebhookView;
  'deliveries.list': DeliveryView[];
  'deliveries.get': DeliveryView;
  'deliveries.retry': { deliveryId: number };
  'deliveries.sendNextNow': { n: number };
  'deliveries.attempt': AttemptResponseView;
  'tunnel.start': TunnelStatus;
  'tunnel.stop': TunnelStatus;
  'tunnel.status': TunnelStatus;
  'tunnel.selfTest': TunnelSelfTestResult;
  'tunnel.setAuthtoken': TunnelAuthtokenResult;
}

export type ApiMethod = keyof typeof apiArgs;
export type ApiArgs<M extends ApiMethod> = z.input<(typeof apiArgs)[M]>;
export type ApiHandlers = {
  [M in ApiMethod]: (args: z.output<(typeof apiArgs)[M]>) => ApiResults[M] | Promise<ApiResults[M]>;
};

export const API_METHODS = Object.keys(apiArgs) as ApiMethod[];

export function isApiMethod(name: string): name is ApiMethod {
  return Object.prototype.hasOwnProperty.call(apiArgs, name);
}

/** Events pushed to the UI (WebSocket in browser mode, IPC in the window). */
export interface ApiEvents {
  /** New captures, as soon as their rows are committed. */
  'captures.added': CaptureSummary[];
  /** Captures whose provider, event type or signature verdict changed. */
  'captures.updated': CaptureSummary[];
  /** Ids of captures deleted, as each slice of a deletion is committed. */
  'captures.deleted': number[];
  'endpoints.changed': Endpoint[];
  /** Every step of every delivery the app's sender makes: the live timeline. */
  'deliveries.event': SenderEvent;
  /** The public tunnel: connecting, open (with its URL), reconnecting, closed, error (with its cause). */
  'tunnel.status': TunnelStatus;
  /** Replays and live forwards, as soon as they are recorded. */
  'replays.added': ReplaySummary[];
}

export type ApiEventName = keyof ApiEvents;

export interface ApiEventMessage<E extends ApiEventName = ApiEventName> {
  event: E;
  payload: ApiEvents[E];
}
