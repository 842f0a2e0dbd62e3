import type { Clock } from '../clock';
import type { ErrorKind } from '../../shared/delivery-types';
import type { AttemptRecord, DeliveryRecord, DeliveryRepo } from '../store/deliveries';
import type { DeliveryAdapter } from './adapter';
import { describeError } from './classify';
import type { SignedRequest } from './types';

/** A timer that fires this close to its due time counts as due. */
const DUE_SLACK_MS = 5;

export interface ClaimOptions {
  repo: DeliveryRepo;
  clock: Clock;
  adapter: DeliveryAdapter;
  owner: string;
  /** Added to the timeout to form the in-flight lease. */
  leaseGraceMs: number;
}

export type Claim =
  /** Claimed by this engine: send it. */
  | { kind: 'claimed'; attempt: AttemptRecord; delivery: DeliveryRecord; request: SignedRequest; now: number }
  /** Not due yet (moved, or a timer that fired early): arm it for `dueAt`. */
  | { kind: 'not-due'; dueAt: number }
  /** No longer waiting (sent, cancelled, claimed by another sender): nothing to do. */
  | { kind: 'gone' }
  /** Its delivery ended here (the request could not be prepared, or its webhook is disabled). */
  | { kind: 'ended'; deliveryId: number };

/**
 * Prepares a due attempt's request and claims it in one transaction: the
 * attempt goes in flight under `owner` with a lease, the request stored. Only
 * a waiting attempt is claimed, so an attempt is sent at most once however
 * many senders share the database. Throws when the database does (the caller
 * tries again later: the attempt is then still waiting).
 */
export function claimDue(o: ClaimOptions, attemptId: number): Claim {
  const { repo, clock } = o;
  const attempt = repo.attempt(attemptId);
  if (!attempt || attempt.state !== 'scheduled') return { kind: 'gone' };
  const now = clock.now();
  if (attempt.dueAt - now > DUE_SLACK_MS) return { kind: 'not-due', dueAt: attempt.dueAt };
  const delivery = repo.delivery(attempt.deliveryId);
  const webhook = repo.webhook(delivery.webhookId);

  let request: SignedRequest;
  try {
    request = o.adapter.prepare({
      providerId: delivery.provider,
      eventType: delivery.eventType,
      body: delivery.body,
      secret: webhook.secret,
      eventId: delivery.eventId,
      attempt: attempt.n,
      previousError: attempt.n > 1 ? previousError(repo, attempt) : undefined,
      providerNowMs: attempt.scheduledAt,
      realNowMs: now,
      form: delivery.signatureForm,
      timestamps: delivery.timestamps,
      url: delivery.url,
    });
  } catch (error) {
    const reason = `the request could not be prepared: ${describeError(error)}`;
    return abandon(repo, attempt, reason, now) ? { kind: 'ended', deliveryId: delivery.id } : { kind: 'gone' };
  }

  return repo.transaction((): Claim => {
    const current = repo.claimCheck(attemptId);
    if (!current || current.state !== 'scheduled') return { kind: 'gone' };
    // The status column of a paused delivery reads 'pending' (migration 012); a claim resumes it.
    if (current.deliveryStatus !== 'pending') return (repo.cancelAttempt(attemptId), { kind: 'gone' });
    if (!current.webhookEnabled) {
      return abandon(repo, attempt, 'webhook-disabled', now)
        ? { kind: 'ended', deliveryId: delivery.id }
        : { kind: 'gone' };
    }
    const lease = now + delivery.policy.timeoutMs + o.leaseGraceMs;
    if (!repo.claim(attemptId, o.owner, now, lease, request)) return { kind: 'gone' };
    repo.unpause(delivery.id);
    return { kind: 'claimed', attempt, delivery, request, now };
  });
}

/** Cancels a waiting attempt and fails its delivery with `reason`; false if it was not waiting. */
function abandon(repo: DeliveryRepo, attempt: AttemptRecord, reason: string, now: number): boolean {
  return repo.transaction(() => {
    if (!repo.cancelAttempt(attempt.id)) return false;
    repo.finishDelivery(attempt.deliveryId, 'failed', reason, now);
    return true;
  });
}

/** How the attempt before `attempt` failed: its error kind, or null for a non-2xx answer (Slack names it in X-Slack-Retry-Reason). */
function previousError(repo: DeliveryRepo, attempt: AttemptRecord): ErrorKind | null {
  const before = repo
    .attempts(attempt.deliveryId)
    .filter((a) => a.n < attempt.n && a.state === 'done')
    .at(-1);
  return before?.errorKind ?? null;
}
