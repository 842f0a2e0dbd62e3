import type { JsonObject } from '../../../shared/providers';
import type { SampleContext } from '../samples/context';
import type { Rng } from '../samples/prng';
import { DAY_MS, isoDate, isoS } from '../samples/time';

const RULES: { rule: string; min: number; max: number }[] = [
  { rule: 'datacenter_ip', min: 15, max: 30 },
  { rule: 'rapid_clicks', min: 20, max: 35 },
  { rule: 'honeypot', min: 30, max: 45 },
  { rule: 'vpn_detected', min: 10, max: 25 },
  { rule: 'headless_browser', min: 25, max: 40 },
  { rule: 'click_injection', min: 20, max: 40 },
];
const PAGES = ['My Landing Page', 'Spring Sale', 'Pricing', 'Free Trial Signup', 'Webinar Registration'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/123.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];

export function clickdefenderSample(eventType: string, rng: Rng, ctx: SampleContext): JsonObject {
  const timeMs = ctx.nowMs;
  const property = { id: `prop_${rng.base62(10)}`, name: rng.pick(PAGES) };
  const visitorId = `vis_${rng.base62(10)}`;
  if (eventType === 'fraud_detected') {
    const reasons = rng.pickSome(RULES, rng.int(2, 4)).map((r) => ({ rule: r.rule, score: rng.int(r.min, r.max) }));
    return {
      event: eventType,
      timestamp: isoS(timeMs),
      property,
      visitor: {
        id: visitorId,
        ip: `${rng.pick(['34', '52', '104', '185'])}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`,
        country: rng.pick(['US', 'NL', 'SG', 'DE', 'RU']),
        userAgent: rng.pick(AGENTS),
      },
      decision: { score: rng.int(70, 100), label: 'FRAUD', action: 'BLOCK', reasons },
    };
  }
  if (eventType === 'high_risk_visitor') {
    return {
      event: eventType,
      timestamp: isoS(timeMs),
      property,
      visitor: { id: visitorId, score: rng.int(40, 69), label: 'SUSPICIOUS' },
    };
  }
  // daily_summary: sent once a day about the day before the send (the UTC day that ended last).
  const previousDay = Math.floor(timeMs / DAY_MS) * DAY_MS - DAY_MS;
  const totalVisitors = rng.int(200, 20000);
  const fraudCount = rng.int(0, Math.floor(totalVisitors * 0.08));
  const suspiciousCount = rng.int(0, Math.floor(totalVisitors * 0.1));
  const topRules = rng
    .pickSome(RULES, rng.int(1, 3))
    .map((r) => ({ rule: r.rule, count: rng.int(1, Math.max(1, fraudCount + suspiciousCount)) }))
    .sort((a, b) => b.count - a.count);
  return {
    event: eventType,
    timestamp: isoS(timeMs),
    property,
    summary: {
      date: isoDate(previousDay),
      totalVisitors,
      cleanCount: totalVisitors - fraudCount - suspiciousCount,
      suspiciousCount,
      fraudCount,
      fraudRate: `${((fraudCount / totalVisitors) * 100).toFixed(1)}%`,
      topRules,
    },
  };
}
