import type { DeliveryPolicy } from '../../../../src/core/sender/types';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;

/**
 * The five documented delivery policies, as PROVIDERS.md states them
 * ("Delivery: timeout, success, retries"): the expectation the registry's
 * policies are checked against, and the test scheme's policies.
 */
export const PROVIDER_POLICIES: Record<string, DeliveryPolicy> = {
  lrdefender: {
    timeoutMs: 30 * S,
    success: '2xx',
    retryDelaysMs: [1 * S, 5 * S, 15 * S, 60 * S, 300 * S],
    afterFailure: 'marked failed; manual retry',
  },
  fingerprintiq: {
    timeoutMs: 5 * S,
    success: 'exactly-200',
    retryDelaysMs: [1 * S, 5 * S, 25 * S],
    afterFailure: 'failed',
  },
  clickdefender: {
    timeoutMs: 30 * S,
    success: '2xx',
    retryDelaysMs: [1 * MIN, 5 * MIN, 30 * MIN, 2 * H, 24 * H],
    afterFailure: 'failed, in delivery history',
  },
  lmif: {
    timeoutMs: 30 * S,
    success: '2xx',
    retryDelaysMs: [1 * MIN, 5 * MIN, 30 * MIN, 2 * H, 8 * H, 24 * H],
    afterFailure: 'failed; manual retry',
  },
  prynt: {
    timeoutMs: 10 * S,
    success: '2xx',
    retryDelaysMs: [5 * MIN, 30 * MIN],
    afterFailure: 'failed; manual retry',
    disableAfterFailingMs: 24 * H,
  },
};

/** Attempts in all, as the table's "attempts (default)" column says. */
export const EXPECTED_ATTEMPTS: Record<string, number> = {
  lrdefender: 6,
  fingerprintiq: 4,
  clickdefender: 6,
  lmif: 7,
  prynt: 3,
};

/** One documented event type per provider, for sends that take the provider's sample payload. */
export const SAMPLE_EVENT: Record<string, string> = {
  lrdefender: 'device.identified',
  fingerprintiq: 'visit.new',
  clickdefender: 'fraud_detected',
  lmif: 'box.created',
  prynt: 'identification.complete',
};
