import type { AttemptRecord, DeliveryRecord, WebhookRecord } from '../store/deliveries';
import { signingWarnings } from './signing-warnings';
import type { AttemptSummary, DeliveryResult } from './types';
import type { WebhookView } from '../../shared/delivery-types';

const iso = (ms: number): string => new Date(ms).toISOString();

export function toAttemptSummary(a: AttemptRecord): AttemptSummary {
  return {
    n: a.n,
    trigger: a.trigger,
    scheduledAt: iso(a.scheduledAt),
    sentAt: a.sentAt === null ? null : iso(a.sentAt),
    durationMs: a.durationMs,
    status: a.status,
    errorKind: a.errorKind,
    dueAt: iso(a.dueAt),
    signedTimestamp: a.signedTimestamp,
    signature: a.signature,
    responseSize: a.responseSize,
    ...(a.errorKind === 'handshake' && a.errorMessage ? { handshakeProblem: a.errorMessage } : {}),
  };
}

/** The delivery as `hookscope send` reports it: only attempts that were actually made. */
export function toDeliveryResult(
  d: Omit<DeliveryRecord, 'body' | 'policy'>,
  attempts: AttemptRecord[],
): DeliveryResult {
  const sent = attempts.filter((a) => a.sentAt !== null);
  return {
    deliveryId: d.id,
    webhookId: d.webhookId,
    provider: d.provider,
    eventType: d.eventType,
    eventId: d.eventId,
    target: d.url,
    status: d.status,
    failureReason: d.failureReason,
    signatureForm: d.signatureForm,
    timestamps: d.timestamps,
    attempts: sent.map(toAttemptSummary),
    warnings: signingWarnings(sent, d.timestamps),
  };
}

/** A webhook as shown outside the store: the secret never leaves it. */
export type WebhookInfo = Omit<WebhookRecord, 'secret'> & { hasSecret: boolean };

export function toWebhookInfo(w: WebhookRecord): WebhookInfo {
  const { secret, ...rest } = w;
  return { ...rest, hasSecret: secret.length > 0 };
}

/** A webhook as the API and the CLI's --json show it: ISO times, no secret. */
export function toWebhookView(w: WebhookInfo): WebhookView {
  const at = (ms: number | null) => (ms === null ? null : iso(ms));
  return {
    id: w.id,
    provider: w.provider,
    url: w.url,
    enabled: w.enabled,
    hasSecret: w.hasSecret,
    failingSince: at(w.failingSince),
    failingLast: at(w.failingLast),
    disabledAt: at(w.disabledAt),
    disabledReason: w.disabledReason,
  };
}
