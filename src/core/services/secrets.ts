import type { Endpoint } from '../../shared/capture-types';
import type { AnalysisRepo } from '../store/analysis';
import type { EndpointRepo } from '../store/endpoints';
import type { SecretRepo } from '../store/secrets';

export interface SecretService {
  /** Sets (or adds to) an endpoint's secrets and has its captures verified again. */
  set(slug: string, list: string[], mode?: 'add' | 'replace'): Endpoint;
  /** The secrets this process can read (plain, or sealed with a key it holds). */
  list(endpointId: number): string[];
  /** How many secrets are sealed with a key this process does not hold (the desktop app's). */
  unreadable(endpointId: number): number;
  /** Every readable secret by endpoint id. */
  byEndpoint(): Map<number, string[]>;
}

/** An endpoint's signing secrets: only ever counted back to a user, never shown. */
export function createSecretService(deps: {
  repo: SecretRepo;
  endpoints: EndpointRepo;
  analysis: Pick<AnalysisRepo, 'markEndpointStale'>;
}): SecretService {
  const { repo, endpoints, analysis } = deps;
  return {
    set(slug, list, mode = 'replace') {
      const endpoint = endpoints.get(slug);
      if (mode === 'add') repo.add(endpoint.id, list);
      else repo.replace(endpoint.id, list);
      analysis.markEndpointStale(endpoint.id);
      return endpoint;
    },
    list: (endpointId) => repo.list(endpointId),
    unreadable: (endpointId) => repo.unreadable(endpointId),
    byEndpoint: () => repo.byEndpoint(),
  };
}
