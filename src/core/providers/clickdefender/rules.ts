import type { Checker } from '../rules/check';

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function checkClickdefender(c: Checker, eventType: string): void {
  c.str('property.name');
  switch (eventType) {
    case 'fraud_detected': {
      c.str('visitor.id', { prefix: 'vis_' });
      c.str('visitor.ip', { pattern: IPV4 });
      c.str('visitor.country', { pattern: /^[A-Z]{2}$/ });
      c.str('visitor.userAgent');
      c.num('decision.score', { integer: true, min: 70, max: 100 });
      c.str('decision.label', { oneOf: ['FRAUD'] });
      c.str('decision.action');
      const reasons = c.arr('decision.reasons', { minLength: 1 });
      reasons?.forEach((_, i) => {
        c.str(`decision.reasons[${i}].rule`);
        c.num(`decision.reasons[${i}].score`, { integer: true, min: 0, max: 100 });
      });
      break;
    }
    case 'high_risk_visitor':
      c.str('visitor.id', { prefix: 'vis_' });
      c.num('visitor.score', { integer: true, min: 40, max: 69 });
      c.str('visitor.label', { oneOf: ['SUSPICIOUS'] });
      break;
    case 'daily_summary':
      checkSummary(c);
      break;
    default:
      break;
  }
}

function checkSummary(c: Checker): void {
  const date = c.str('summary.date', { pattern: /^\d{4}-\d{2}-\d{2}$/ });
  const counts = ['totalVisitors', 'cleanCount', 'suspiciousCount', 'fraudCount'].map((k) =>
    c.num(`summary.${k}`, { integer: true, min: 0 }),
  );
  const [total, clean, suspicious, fraud] = counts;
  if (
    counts.every((n) => n !== undefined) &&
    (clean as number) + (suspicious as number) + (fraud as number) !== total
  ) {
    c.fail(
      'summary.totalVisitors',
      `expected cleanCount + suspiciousCount + fraudCount = ${(clean as number) + (suspicious as number) + (fraud as number)}, got ${total}`,
    );
  }
  const rate = c.str('summary.fraudRate', { pattern: /^\d+(\.\d)?%$/ });
  if (rate !== undefined && total !== undefined && fraud !== undefined && total > 0) {
    const expected = `${((fraud / total) * 100).toFixed(1)}%`;
    if (rate !== expected)
      c.fail('summary.fraudRate', `expected fraudCount / totalVisitors = ${expected}, got ${rate}`);
  }
  const timestamp = c.get('timestamp');
  if (typeof timestamp === 'string' && date !== undefined) {
    // The seed's example is sent at midnight UTC; a summary sent (or simulated) later that day still covers the day before its send date.
    const day = Date.parse(timestamp.slice(0, 10));
    const previous = Number.isNaN(day) ? '' : new Date(day - 86_400_000).toISOString().slice(0, 10);
    if (!Number.isNaN(day) && date !== previous)
      c.fail('summary.date', `a summary sent on ${timestamp.slice(0, 10)} covers ${previous}, got ${date}`);
  }
  c.arr('summary.topRules')?.forEach((_, i) => {
    c.str(`summary.topRules[${i}].rule`);
    c.num(`summary.topRules[${i}].count`, { integer: true, min: 0 });
  });
}
