import type { Checker } from '../rules/check';

export function checkFingerprintiq(c: Checker, eventType: string): void {
  if (!c.obj('data')) return;
  c.str('data.visitorId', { pattern: /^iq_[0-9a-z]{26}$/ });
  const visitCount = c.num('data.visitCount', { integer: true, min: 1 });
  const botProbability = c.num('data.botProbability', { min: 0, max: 1 });
  c.str('data.country', { pattern: /^[A-Z]{2}$/ });
  const riskFactors = c.arr('data.riskFactors');
  riskFactors?.forEach((factor, i) => {
    if (typeof factor !== 'string') c.fail(`data.riskFactors[${i}]`, 'expected a string');
  });
  switch (eventType) {
    case 'threat.detected':
      if (botProbability !== undefined && !(botProbability > 0.7))
        c.fail('data.botProbability', `threat.detected needs a bot probability above 0.7, got ${botProbability}`);
      break;
    case 'visit.new':
      if (visitCount !== undefined && visitCount !== 1)
        c.fail('data.visitCount', `a first visit has visitCount 1, got ${visitCount}`);
      break;
    case 'visit.returning':
      if (visitCount !== undefined && visitCount < 2)
        c.fail('data.visitCount', `a returning visit has visitCount 2 or more, got ${visitCount}`);
      break;
    case 'visit.flagged':
      if (riskFactors && riskFactors.length === 0)
        c.fail('data.riskFactors', 'a flagged visit has at least one risk factor');
      break;
    default:
      break;
  }
}
