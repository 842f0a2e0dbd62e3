import type { Checker } from '../rules/check';
import { ISO_ANY } from '../rules/check';

const WITH_IDENTIFICATION = new Set(['identification.complete', 'verdict.allow', 'verdict.block', 'verdict.challenge']);

function checkIdentification(c: Checker): void {
  c.num('data.confidence', { min: 0, max: 1 });
  c.bool('data.visitorFound');
  c.str('data.firstSeenAt', { pattern: ISO_ANY });
  c.str('data.lastSeenAt', { pattern: ISO_ANY });
  c.num('data.visitCount', { integer: true, min: 1 });
  c.str('data.ip');
  for (const key of ['city', 'region', 'timezone']) c.str(`data.geo.${key}`);
  c.str('data.geo.country', { pattern: /^[A-Z]{2}$/ });
  c.num('data.geo.latitude', { min: -90, max: 90 });
  c.num('data.geo.longitude', { min: -180, max: 180 });
  for (const key of ['platform', 'browser', 'type']) c.str(`data.device.${key}`);
  for (const key of ['bot', 'vpn', 'proxy']) c.bool(`data.signals.${key}.detected`);
  for (const key of ['tor', 'incognito', 'tampered', 'emulator', 'rootedDevice']) c.bool(`data.signals.${key}`);
  for (const key of ['abuse', 'ato', 'bot']) c.num(`data.scores.${key}`, { min: 0, max: 1 });
  c.num('data.scores.suspect', { integer: true, min: 0, max: 100 });
  c.str('data.verdict', { oneOf: ['allow', 'block', 'challenge'] });
  c.arr('data.matchedRules');
  const visitorFound = c.get('data.visitorFound');
  const visitCount = c.get('data.visitCount');
  if (visitorFound === false && typeof visitCount === 'number' && visitCount > 1)
    c.fail('data.visitorFound', 'is false but visitCount says the visitor was seen before');
}

export function checkPrynt(c: Checker, eventType: string): void {
  c.str('webhookId', { pattern: /^wh_[A-Za-z0-9]+$/ });
  c.str('eventId', { pattern: /^evt_[A-Za-z0-9]+$/ });
  c.str('idempotencyKey', { pattern: /^idk_[A-Za-z0-9]+$/ });
  c.str('apiVersion', { pattern: /^\d{4}-\d{2}-\d{2}$/ });
  if (!c.obj('data')) return;
  if (WITH_IDENTIFICATION.has(eventType)) {
    c.str('data.requestId');
    c.str('data.visitorId');
    checkIdentification(c);
  }
  if (eventType.startsWith('verdict.')) c.str('data.verdict', { oneOf: [eventType.slice('verdict.'.length)] });
  if (eventType === 'verdict.challenge') c.str('data.challengeType');
  if (eventType === 'signal.bot.detected') {
    c.str('data.botType');
    c.str('data.detectionMethod');
    c.num('data.confidence', { min: 0, max: 1 });
  }
  if (eventType === 'rule.matched') {
    c.str('data.ruleId');
    c.str('data.action', { oneOf: ['allow', 'block', 'challenge'] });
  }
  if (eventType.startsWith('list.entry.')) {
    c.str('data.listId');
    c.str('data.entry.value');
    c.num('data.ttlSeconds', { integer: true, min: 1 });
  }
  if (eventType === 'alert.triggered') {
    const threshold = c.num('data.definition.threshold');
    const value = c.num('data.current.value');
    if (threshold !== undefined && value !== undefined && value <= threshold)
      c.fail('data.current.value', `an alert fires above its threshold (${threshold}), got ${value}`);
  }
}
