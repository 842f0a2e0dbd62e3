import { createHmac } from 'node:crypto';
import type { DeliveryAdapter, PrepareInput } from '../../../../src/core/sender/adapter';
import type { DeliveryPolicy, PreparedRequest, ProviderLimits } from '../../../../src/core/sender/types';
import { HookscopeError } from '../../../../src/shared/errors';
import { PROVIDER_POLICIES } from './policies';

export const TEST_SECRET = 'whsec_test_secret';

export function sign(secret: string, timestampSec: string, body: Uint8Array | string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestampSec}.`).update(body).digest('hex')}`;
}

/**
 * A Prynt-like scheme for tests, independent of the provider registry:
 * X-Test-Signature = sha256=HMAC(secret, "<timestamp>.<body>"), X-Test-Timestamp
 * in unix seconds (from the provider time the engine passes), X-Test-Event = eventId.
 */
export function testAdapter(options: { policies?: Record<string, DeliveryPolicy>; limits?: ProviderLimits } = {}) {
  const policies = options.policies ?? PROVIDER_POLICIES;
  const calls: PrepareInput[] = [];
  let counter = 0;
  const adapter: DeliveryAdapter = {
    policy(id) {
      const p = policies[id];
      if (!p) throw new HookscopeError('PROVIDER_UNKNOWN', `no provider ${id}`);
      return { ...p, retryDelaysMs: [...p.retryDelaysMs] };
    },
    limits: () => options.limits ?? { httpsRequired: false, maxPayloadBytes: 256 * 1024 },
    createBody(_id, eventType, payload, nowMs) {
      if (payload instanceof Uint8Array) return { body: payload, eventId: null };
      const eventId = `evt_${++counter}_${nowMs}`;
      const envelope = { eventId, eventType, createdAt: new Date(nowMs).toISOString(), data: payload ?? {} };
      return { body: new TextEncoder().encode(JSON.stringify(envelope)), eventId };
    },
    prepare(input): PreparedRequest {
      calls.push(input);
      const ts = String(Math.floor(input.providerNowMs / 1000));
      return {
        method: 'POST',
        headers: [
          ['Content-Type', 'application/json'],
          ['X-Test-Event', input.eventId ?? ''],
          ['X-Test-Timestamp', ts],
          ['X-Test-Signature', sign(input.secret, ts, input.body)],
        ],
        body: input.body,
      };
    },
  };
  return { adapter, calls };
}

/** Wraps an adapter to record every prepare() call (the engine's per-attempt preparation). */
export function recording(inner: DeliveryAdapter) {
  const calls: PrepareInput[] = [];
  const adapter: DeliveryAdapter = {
    ...inner,
    prepare(input) {
      calls.push(input);
      return inner.prepare(input);
    },
  };
  return { adapter, calls };
}
