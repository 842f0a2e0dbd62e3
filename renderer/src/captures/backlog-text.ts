import type { Backlog } from '../../../src/shared/api';

/** The backlog note's words ("verdicts for 3,200 captures pending"); null when nothing is pending. */
export function backlogText(b: Backlog): string | null {
  const parts: string[] = [];
  if (b.verdictsPending > 0)
    parts.push(
      `verdicts for ${b.verdictsPending.toLocaleString('en')} capture${b.verdictsPending === 1 ? '' : 's'} pending`,
    );
  if (b.indexPending > 0) parts.push(`${b.indexPending.toLocaleString('en')} not yet in the search index`);
  return parts.length ? parts.join(' · ') : null;
}
