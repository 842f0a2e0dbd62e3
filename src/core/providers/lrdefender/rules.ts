import type { Checker } from '../rules/check';

export function checkLrdefender(c: Checker, eventType: string): void {
  c.str('webhookId', { pattern: /^wh_[A-Za-z0-9]+$/ });
  if (!c.obj('data')) return;
  if (c.get('data.deviceId') !== undefined) c.str('data.deviceId', { pattern: /^[0-9a-f]{24}$/ });
  switch (eventType) {
    case 'bot.detected':
      c.str('data.deviceId');
      c.num('data.botScore', { min: 0, max: 1 });
      c.bool('data.isBot', true);
      break;
    case 'fraud.high_risk':
      c.num('data.riskScore', { min: 0.7, max: 1 });
      break;
    case 'device.new':
      c.bool('data.isNew', true);
      break;
    case 'device.identified':
      c.num('data.confidence', { min: 0, max: 1 });
      break;
    case 'tenant.limit_exceeded': {
      const allowed = c.num('data.allowed', { integer: true, min: 0 });
      const used = c.num('data.used', { integer: true, min: 0 });
      if (allowed !== undefined && used !== undefined && used <= allowed)
        c.fail('data.used', `must exceed data.allowed (${allowed}) for a limit to be exceeded`);
      break;
    }
    default:
      break;
  }
}
