import type { JsonObject } from '../../../shared/providers';
import type { SampleContext } from '../samples/context';
import type { Rng } from '../samples/prng';
import { isoMs } from '../samples/time';

const ANOMALIES = ['impossible_travel', 'velocity_spike', 'fingerprint_mismatch', 'timezone_mismatch'];
const FRAUD_REASONS = [
  'emulator',
  'tor_exit_node',
  'datacenter_ip',
  'device_farm',
  'tampered_browser',
  'high_velocity',
];

function deviceId(rng: Rng): string {
  return rng.hex(24);
}

function data(eventType: string, rng: Rng, timeMs: number): JsonObject {
  switch (eventType) {
    case 'device.identified':
      return {
        deviceId: deviceId(rng),
        confidence: rng.float(0.9, 1, 3),
        isNew: false,
        visitCount: rng.int(2, 400),
        ip: `198.51.100.${rng.int(1, 254)}`,
      };
    case 'device.new':
      return {
        deviceId: deviceId(rng),
        confidence: rng.float(0.85, 1, 3),
        isNew: true,
        firstSeenAt: isoMs(timeMs),
        ip: `203.0.113.${rng.int(1, 254)}`,
      };
    case 'device.updated':
      return {
        deviceId: deviceId(rng),
        changes: rng.pickSome(
          ['browserVersion', 'osVersion', 'timezone', 'screenResolution', 'language'],
          rng.int(1, 3),
        ),
      };
    case 'bot.detected': {
      return { deviceId: deviceId(rng), botScore: rng.float(0.75, 0.99, 2), isBot: true };
    }
    case 'anomaly.detected':
      return {
        deviceId: deviceId(rng),
        anomalyType: rng.pick(ANOMALIES),
        severity: rng.pick(['low', 'medium', 'high']),
        score: rng.float(0.5, 0.99, 2),
      };
    case 'fraud.high_risk':
      return {
        deviceId: deviceId(rng),
        riskScore: rng.float(0.8, 0.99, 2),
        reasons: rng.pickSome(FRAUD_REASONS, rng.int(1, 3)),
      };
    case 'compliance.consent_given':
      return {
        deviceId: deviceId(rng),
        consentTypes: rng.pickSome(['analytics', 'fraud_prevention', 'marketing'], rng.int(1, 3)),
        grantedAt: isoMs(timeMs),
      };
    case 'compliance.deletion_requested':
      return { deviceId: deviceId(rng), requestId: `del_${rng.base62(16)}`, requestedAt: isoMs(timeMs) };
    case 'experiment.completed': {
      const control = rng.float(0.01, 0.2, 4);
      return {
        experimentId: `exp_${rng.base62(12)}`,
        name: 'checkout-friction-v2',
        winner: rng.pick(['control', 'variant']),
        controlRate: control,
        variantRate: rng.float(0.01, 0.2, 4),
        sampleSize: rng.int(1000, 90000),
      };
    }
    case 'tenant.limit_exceeded': {
      const limit = rng.pick([10000, 50000, 100000]);
      return {
        limit: 'monthly_identifications',
        allowed: limit,
        used: limit + rng.int(1, 5000),
        period: isoMs(timeMs).slice(0, 7),
      };
    }
    default:
      return {};
  }
}

export function lrdefenderSample(eventType: string, rng: Rng, ctx: SampleContext): JsonObject {
  const timeMs = ctx.nowMs;
  return { type: eventType, webhookId: ctx.webhookId, timestamp: isoMs(timeMs), data: data(eventType, rng, timeMs) };
}
