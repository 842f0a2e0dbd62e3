import type { JsonObject } from '../../../shared/providers';
import type { SampleContext } from '../samples/context';
import type { Rng } from '../samples/prng';
import { isoS } from '../samples/time';

const DAY = 86_400_000;
const PLATFORMS = ['youtube', 'tiktok', 'instagram', 'x', 'twitch'];
const NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson', 'Hedy Lamarr'];

type Data = JsonObject;

function box(rng: Rng): Data {
  return { boxId: `box_${rng.base62(12)}`, identityName: rng.pick(NAMES) };
}

function violation(rng: Rng, timeMs: number): Data {
  return {
    violationId: `vio_${rng.base62(12)}`,
    ...box(rng),
    platform: rng.pick(PLATFORMS),
    url: `https://video.example.com/watch/${rng.base62(11)}`,
    detectedAt: isoS(timeMs),
  };
}

function data(category: string, action: string, rng: Rng, timeMs: number): Data {
  switch (category) {
    case 'box':
      return {
        ...box(rng),
        status: action === 'deleted' ? 'deleted' : 'active',
        protections: rng.pickSome(['face', 'voice', 'name', 'likeness'], rng.int(1, 4)),
      };
    case 'violation':
      return { ...violation(rng, timeMs), status: action === 'detected' ? 'open' : action };
    case 'grace_period': {
      const days = rng.int(7, 14);
      const startsAt = timeMs - rng.int(0, days - 1) * DAY;
      const endsAt = startsAt + days * DAY;
      return {
        gracePeriodId: `gp_${rng.base62(12)}`,
        violationId: `vio_${rng.base62(12)}`,
        startsAt: isoS(startsAt),
        endsAt: isoS(endsAt),
        daysRemaining: Math.max(0, Math.ceil((endsAt - timeMs) / DAY)),
        status: action,
      };
    }
    case 'license': {
      const statuses: Record<string, string> = {
        requested: 'pending',
        approved: 'active',
        denied: 'denied',
        expiring: 'active',
        expired: 'expired',
        revoked: 'revoked',
      };
      return {
        licenseId: `lic_${rng.base62(12)}`,
        ...box(rng),
        licensee: {
          name: rng.pick(['Acme Studios', 'Northwind Media', 'Contoso Films']),
          email: 'licensing@example.com',
        },
        usage: rng.pick(['commercial', 'editorial', 'parody']),
        status: statuses[action] ?? 'pending',
        expiresAt: isoS(timeMs + rng.int(1, 365) * DAY),
      };
    }
    case 'detection':
      return action === 'match_found'
        ? {
            scanId: `scan_${rng.base62(12)}`,
            ...box(rng),
            platform: rng.pick(PLATFORMS),
            url: `https://video.example.com/watch/${rng.base62(11)}`,
            similarity: rng.float(0.8, 0.99, 2),
          }
        : {
            scanId: `scan_${rng.base62(12)}`,
            ...box(rng),
            itemsScanned: rng.int(1000, 500000),
            matchesFound: rng.int(0, 12),
            completedAt: isoS(timeMs),
          };
    default:
      return {};
  }
}

export function lmifSample(eventType: string, rng: Rng, ctx: SampleContext): JsonObject {
  const timeMs = ctx.nowMs;
  const dot = eventType.indexOf('.');
  const id = `evt_${rng.base62(16)}`;
  const payload = data(eventType.slice(0, dot), eventType.slice(dot + 1), rng, timeMs);
  return {
    id,
    type: eventType,
    createdAt: isoS(timeMs),
    data: payload,
    meta: { apiVersion: 'v1', webhookId: ctx.webhookId },
  };
}
