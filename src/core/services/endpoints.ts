import type { Endpoint, ResponseRule, RetentionLimits } from '../../shared/capture-types';
import type { AnalysisRepo } from '../store/analysis';
import type { EndpointPatch, EndpointRepo } from '../store/endpoints';
import { assertLimits, type Retention } from '../retention';

export type EndpointChange = EndpointPatch & { retention?: Partial<RetentionLimits> };

export interface EndpointService {
  list(): Endpoint[];
  get(slug: string): Endpoint;
  find(slug: string): Endpoint | undefined;
  /** Creates an endpoint, with retention limits when given (a bad limit creates nothing). */
  create(slug: string, rule?: ResponseRule, provider?: string | null, limits?: Partial<RetentionLimits>): Endpoint;
  /** Changes an endpoint; `retention` sets the limits it names (null lifts one), checked before anything is written. */
  update(slug: string, patch: EndpointChange): Endpoint;
}

export interface EndpointServiceDeps {
  repo: EndpointRepo;
  retention: Retention;
  analysis: Pick<AnalysisRepo, 'markEndpointStale'>;
  /** After any change: the capture router reloads, the UI hears of it. */
  changed(): void;
}

/** An endpoint's limits with a change over them (a limit left out is kept), checked before anything is written. */
function mergedLimits(current: RetentionLimits, change: Partial<RetentionLimits>): RetentionLimits {
  return assertLimits({
    keepCount: change.keepCount === undefined ? current.keepCount : change.keepCount,
    keepDays: change.keepDays === undefined ? current.keepDays : change.keepDays,
  });
}

/** Endpoint create and update: the rule, the provider binding and retention limits, in one place for the API, the CLI and the desktop. */
export function createEndpointService({ repo, retention, analysis, changed }: EndpointServiceDeps): EndpointService {
  return {
    list: () => repo.list(),
    get: (slug) => repo.get(slug),
    find: (slug) => repo.find(slug),
    create(slug, rule, provider = null, limits) {
      const wanted = limits && mergedLimits({ keepCount: null, keepDays: null }, limits);
      let created = repo.create(slug, rule, provider);
      if (wanted && (wanted.keepCount !== null || wanted.keepDays !== null)) {
        retention.setLimits(created.id, wanted);
        created = repo.get(slug);
      }
      changed();
      return created;
    },
    update(slug, patch) {
      const { retention: limits, ...rest } = patch;
      const before = repo.get(slug);
      const wanted = limits && mergedLimits(before.retention, limits);
      let updated = repo.update(slug, rest);
      if (wanted) {
        retention.setLimits(updated.id, wanted);
        updated = repo.get(slug);
      }
      if (updated.provider !== before.provider) analysis.markEndpointStale(updated.id);
      changed();
      return updated;
    },
  };
}
