import type { Endpoint } from '../../shared/capture-types';
import type { EndpointRepo } from '../store/endpoints';
import { newRuleState, type RuleState } from './rules';

/** How often the router asks SQLite whether another process changed the endpoints. */
const RECHECK_MS = 250;

export type EndpointRouter = ReturnType<typeof createEndpointRouter>;

/**
 * Maps a request path to its endpoint (`/<slug>/...`, else `default`) from an
 * in-memory copy, reloaded when `PRAGMA data_version` says another connection
 * (the CLI, say) committed. Keeps each endpoint's rule state, reset when its
 * rule changes.
 */
export function createEndpointRouter(repo: EndpointRepo, dataVersion: () => number, now: () => number = Date.now) {
  let bySlug = new Map<string, Endpoint>();
  let version = Number.NaN;
  let checkedAt = -Infinity;
  const states = new Map<number, { ruleKey: string; state: RuleState }>();
  const ruleKeys = new WeakMap<Endpoint, string>();

  function reload(): void {
    bySlug = new Map(repo.list().map((e) => [e.slug, e]));
    version = dataVersion();
  }

  function refresh(): void {
    const t = now();
    if (t - checkedAt < RECHECK_MS) return;
    checkedAt = t;
    if (dataVersion() !== version) reload();
  }

  reload();

  return {
    /** The endpoint a path belongs to. */
    route(path: string): Endpoint {
      refresh();
      const end = path.indexOf('/', 1);
      const first = path.slice(1, end === -1 ? undefined : end);
      const found = first ? bySlug.get(first) : undefined;
      if (found) return found;
      const fallback = bySlug.get('default');
      if (fallback) return fallback;
      reload();
      return bySlug.get('default') ?? repo.create('default');
    },
    ruleState(endpoint: Endpoint): RuleState {
      let ruleKey = ruleKeys.get(endpoint);
      if (ruleKey === undefined) {
        ruleKey = JSON.stringify(endpoint.rule);
        ruleKeys.set(endpoint, ruleKey);
      }
      const entry = states.get(endpoint.id);
      if (entry && entry.ruleKey === ruleKey) return entry.state;
      const state = newRuleState(endpoint.rule);
      states.set(endpoint.id, { ruleKey, state });
      return state;
    },
    /** Forces a reload on the next request (after this process changed endpoints itself). */
    invalidate(): void {
      checkedAt = -Infinity;
      version = Number.NaN;
    },
  };
}
