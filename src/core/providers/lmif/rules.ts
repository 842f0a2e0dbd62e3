import type { Checker } from '../rules/check';

/** Event data is not documented in the seed: only id prefixes of the illustrative fields are checked, when present. */
const DATA_PREFIXES: Record<string, string> = {
  boxId: 'box_',
  violationId: 'vio_',
  gracePeriodId: 'gp_',
  licenseId: 'lic_',
  scanId: 'scan_',
};

export function checkLmif(c: Checker, eventType: string): void {
  c.obj('data');
  c.str('meta.apiVersion', { pattern: /^v\d+$/ });
  c.str('type', { pattern: /^(box|violation|grace_period|license|detection)\.[a-z_]+$/ });
  for (const [field, prefix] of Object.entries(DATA_PREFIXES)) c.str(`data.${field}`, { prefix, optional: true });
  if (eventType.startsWith('grace_period.')) c.num('data.daysRemaining', { integer: true, min: 0, optional: true });
  if (eventType === 'detection.match_found') c.num('data.similarity', { min: 0, max: 1, optional: true });
}
