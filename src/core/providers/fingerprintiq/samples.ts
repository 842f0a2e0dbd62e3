import type { JsonObject } from '../../../shared/providers';
import type { SampleContext } from '../samples/context';
import type { Rng } from '../samples/prng';

const ULID = '0123456789abcdefghjkmnpqrstvwxyz';
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'BR', 'IN', 'JP', 'CA', 'NL', 'AU'];
const RISK_FACTORS = ['vpn', 'proxy', 'tor', 'headless_browser', 'emulator', 'tampering', 'datacenter_ip', 'velocity'];

export function fingerprintiqSample(eventType: string, rng: Rng, ctx: SampleContext): JsonObject {
  const timestamp = ctx.nowMs;
  const visitorId = `iq_${rng.chars(ULID, 26)}`;
  const country = rng.pick(COUNTRIES);
  let visitCount = rng.int(2, 250);
  let botProbability = rng.float(0.01, 0.3, 2);
  let riskFactors: string[] = [];
  switch (eventType) {
    case 'visit.new':
      visitCount = 1;
      break;
    case 'visit.flagged':
      botProbability = rng.float(0.2, 0.7, 2);
      riskFactors = rng.pickSome(RISK_FACTORS, rng.int(1, 3));
      break;
    case 'threat.detected':
      visitCount = rng.int(1, 40);
      botProbability = rng.float(0.71, 0.99, 2);
      riskFactors = rng.pickSome(['headless_browser', 'datacenter_ip', 'emulator', 'velocity'], rng.int(1, 3));
      break;
    default:
      break;
  }
  return { event: eventType, timestamp, data: { visitorId, visitCount, botProbability, country, riskFactors } };
}
