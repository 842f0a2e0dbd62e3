import type { JsonObject } from '../../../shared/providers';
import type { SampleContext } from '../samples/context';
import type { Rng } from '../samples/prng';
import { isoMs, isoS } from '../samples/time';

type Obj = JsonObject;

const PLACES = [
  {
    city: 'San Francisco',
    region: 'California',
    country: 'US',
    latitude: 37.7749,
    longitude: -122.4194,
    timezone: 'America/Los_Angeles',
  },
  { city: 'Berlin', region: 'Berlin', country: 'DE', latitude: 52.52, longitude: 13.405, timezone: 'Europe/Berlin' },
  {
    city: 'São Paulo',
    region: 'São Paulo',
    country: 'BR',
    latitude: -23.5505,
    longitude: -46.6333,
    timezone: 'America/Sao_Paulo',
  },
  { city: 'Tokyo', region: 'Tokyo', country: 'JP', latitude: 35.6762, longitude: 139.6503, timezone: 'Asia/Tokyo' },
];
const DEVICES = [
  {
    platform: 'macOS',
    browser: 'Chrome 121',
    gpu: 'Apple M3 Pro',
    type: 'desktop',
    screenRes: '2560x1440',
    language: 'en-US',
  },
  {
    platform: 'Windows',
    browser: 'Edge 121',
    gpu: 'NVIDIA GeForce RTX 3060',
    type: 'desktop',
    screenRes: '1920x1080',
    language: 'de-DE',
  },
  {
    platform: 'iOS',
    browser: 'Safari 17',
    gpu: 'Apple GPU',
    type: 'mobile',
    screenRes: '1179x2556',
    language: 'pt-BR',
  },
];
const RULES = [
  { ruleId: 'rule_block_tor', ruleName: 'Block Tor exit nodes', action: 'block' },
  { ruleId: 'rule_challenge_vpn', ruleName: 'Challenge VPN users', action: 'challenge' },
  { ruleId: 'rule_block_bots', ruleName: 'Block automation', action: 'block' },
  { ruleId: 'rule_allow_known', ruleName: 'Allow known good visitors', action: 'allow' },
];

function identification(
  rng: Rng,
  timeMs: number,
  opts: { bot?: boolean; verdict?: string; visitCount?: number } = {},
): Obj {
  const timeSec = Math.floor(timeMs / 1000);
  const visitCount = opts.visitCount ?? rng.int(1, 120);
  const firstSeen = visitCount === 1 ? timeMs : timeMs - rng.int(1, 200) * 86_400_000;
  const bot = opts.bot ?? false;
  const vpn = !bot && rng.chance(0.2);
  const verdict = opts.verdict ?? (bot ? 'block' : vpn ? 'challenge' : 'allow');
  const rule = RULES.find((r) => r.action === verdict) ?? RULES[3];
  return {
    requestId: `req_${timeSec}_${rng.hex(6)}`,
    visitorId: `pv_${rng.base62(13)}`,
    visitorFound: visitCount > 1,
    confidence: rng.float(0.9, 0.999, 3),
    firstSeenAt: isoS(firstSeen),
    lastSeenAt: isoS(timeMs),
    visitCount,
    ip: `203.0.113.${rng.int(1, 254)}`,
    geo: { ...rng.pick(PLACES) },
    device: { ...rng.pick(DEVICES) },
    signals: {
      bot: { detected: bot, type: bot ? rng.pick(['headless', 'automation', 'scraper']) : null },
      vpn: { detected: vpn, provider: vpn ? rng.pick(['NordVPN', 'Mullvad', 'ProtonVPN']) : null },
      proxy: { detected: false, type: null },
      tor: false,
      incognito: rng.chance(0.15),
      tampered: false,
      emulator: false,
      rootedDevice: false,
    },
    scores: {
      abuse: rng.float(0, bot ? 0.9 : 0.1, 2),
      ato: rng.float(0, 0.1, 2),
      bot: bot ? rng.float(0.8, 0.99, 2) : rng.float(0, 0.1, 2),
      suspect: bot ? rng.int(60, 100) : rng.int(0, 30),
    },
    verdict,
    matchedRules: verdict === 'allow' && !opts.verdict ? [] : [rule.ruleId],
  };
}

function data(eventType: string, rng: Rng, timeMs: number): Obj {
  switch (eventType) {
    case 'identification.complete':
      return identification(rng, timeMs);
    case 'verdict.allow':
    case 'verdict.block':
    case 'verdict.challenge': {
      const verdict = eventType.slice('verdict.'.length);
      const context = identification(rng, timeMs, { bot: verdict === 'block', verdict });
      const rule = RULES.find((r) => r.action === verdict) ?? RULES[3];
      return verdict === 'challenge'
        ? { ...context, rule, challengeType: rng.pick(['captcha', 'mfa', 'email_otp']) }
        : verdict === 'block'
          ? { ...context, rule }
          : context;
    }
    case 'rule.matched': {
      const rule = rng.pick(RULES);
      return {
        ...rule,
        requestId: `req_${Math.floor(timeMs / 1000)}_${rng.hex(6)}`,
        visitorId: `pv_${rng.base62(13)}`,
        verdict: rule.action,
      };
    }
    case 'visitor.new':
      return {
        visitorId: `pv_${rng.base62(13)}`,
        requestId: `req_${Math.floor(timeMs / 1000)}_${rng.hex(6)}`,
        firstSeenAt: isoS(timeMs),
        device: { ...rng.pick(DEVICES) },
        geo: { ...rng.pick(PLACES) },
      };
    case 'visitor.returning': {
      const visitCount = rng.int(2, 300);
      return {
        visitorId: `pv_${rng.base62(13)}`,
        requestId: `req_${Math.floor(timeMs / 1000)}_${rng.hex(6)}`,
        firstSeenAt: isoS(timeMs - rng.int(1, 400) * 86_400_000),
        lastSeenAt: isoS(timeMs),
        visitCount,
        previousVerdicts: { allow: visitCount - 1, challenge: 0, block: 0 },
      };
    }
    case 'signal.bot.detected':
      return {
        requestId: `req_${Math.floor(timeMs / 1000)}_${rng.hex(6)}`,
        visitorId: `pv_${rng.base62(13)}`,
        botType: rng.pick(['headless', 'automation', 'scraper', 'credential_stuffer']),
        detectionMethod: rng.pick(['webdriver_flag', 'behavioral', 'tls_fingerprint', 'cdp_artifacts']),
        confidence: rng.float(0.8, 0.99, 2),
      };
    case 'list.entry.added':
      return {
        listId: `list_${rng.base62(10)}`,
        listName: 'blocked-ips',
        entry: { value: `198.51.100.${rng.int(1, 254)}`, type: 'ip' },
        source: rng.pick(['manual', 'rule']),
        ttlSeconds: rng.pick([3600, 86400, 604800]),
      };
    case 'list.entry.expired': {
      const ttlSeconds = rng.pick([3600, 86400, 604800]);
      return {
        listId: `list_${rng.base62(10)}`,
        listName: 'blocked-ips',
        entry: { value: `198.51.100.${rng.int(1, 254)}`, type: 'ip' },
        ttlSeconds,
        addedAt: isoS(timeMs - ttlSeconds * 1000),
      };
    }
    case 'alert.triggered': {
      const threshold = rng.pick([100, 250, 500]);
      return {
        alertId: `alert_${rng.base62(10)}`,
        definition: {
          name: 'Bot traffic spike',
          metric: 'bot_identifications_per_minute',
          threshold,
          windowSeconds: 300,
        },
        current: { value: threshold + rng.int(1, 900), observedAt: isoS(timeMs) },
      };
    }
    default:
      return {};
  }
}

export function pryntSample(eventType: string, rng: Rng, ctx: SampleContext): JsonObject {
  const timeMs = ctx.nowMs;
  return {
    webhookId: ctx.webhookId,
    eventId: `evt_${rng.base62(13)}`,
    eventType,
    apiVersion: '2026-01-15',
    createdAt: isoMs(timeMs),
    idempotencyKey: `idk_${rng.hex(12)}`,
    data: data(eventType, rng, timeMs),
  };
}
