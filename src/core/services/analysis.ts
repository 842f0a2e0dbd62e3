import { analyzeCapture, type AnalysisContext } from '../analysis/analyze';
import type { EventBus } from '../events';
import type { ProviderRegistry } from '../providers';
import { hasCurrentVerdict, type AnalysisRepo } from '../store/analysis';
import type { CaptureRepo, StoredCapture } from '../store/captures';
import type { EndpointRepo } from '../store/endpoints';
import type { SecretRepo } from '../store/secrets';

export interface AnalysisService {
  /** Attributes and verifies up to `max` captures not yet analyzed (or whose verdict went stale); the background's task. */
  analyzePending(max: number): number;
  /** Analyzes every pending or stale capture now (one-shot commands). */
  analyzeAll(): void;
  /** A capture with its provider and verdict, analyzing it now if the background has not yet. */
  analyzed(id: number): StoredCapture;
  /** Verifies a capture again now, with its endpoint's current provider and secrets. */
  reverify(id: number): StoredCapture;
}

export interface AnalysisServiceDeps {
  repo: AnalysisRepo;
  captures: CaptureRepo;
  endpoints: EndpointRepo;
  secrets: SecretRepo;
  providers: ProviderRegistry;
  events: EventBus;
  /** Sends the `captures.added` events still gathered, so a capture's update never reaches the UI before it does. */
  flushAdded?: () => void;
}

/** Who sent each capture and whether its signature holds, over the stored captures. */
export function createAnalysisService({
  repo,
  captures,
  endpoints,
  secrets,
  providers,
  events,
  flushAdded,
}: AnalysisServiceDeps): AnalysisService {
  function analysisContext(): AnalysisContext {
    const byId = new Map(endpoints.list().map((e) => [e.id, e]));
    const allSecrets = secrets.byEndpoint();
    return {
      registry: providers,
      endpoint: (id) => byId.get(id),
      secrets: (id) => allSecrets.get(id) ?? [],
      otherSecrets: (id) =>
        [...allSecrets]
          .filter(([other]) => other !== id)
          .flatMap(([other, list]) =>
            list.map((secret) => ({ label: `endpoint "${byId.get(other)?.slug ?? other}"`, secret })),
          ),
    };
  }

  function analyzePending(max: number): number {
    const { captures: batch, advanceTo } = repo.pending(max);
    if (batch.length === 0) return 0;
    const ctx = analysisContext();
    repo.save(
      batch.map((c) => analyzeCapture(c, ctx)),
      advanceTo,
    );
    if (events.size > 0) {
      flushAdded?.();
      events.emit('captures.updated', captures.summariesByIds(batch.map((c) => c.id)));
    }
    return batch.length;
  }

  return {
    analyzePending,
    analyzeAll() {
      while (analyzePending(500) > 0);
    },
    analyzed(id) {
      const stored = captures.get(id);
      if (hasCurrentVerdict(stored, repo.analyzedUpto())) return stored;
      const result = analyzeCapture(stored, analysisContext());
      repo.save([result], 0);
      return captures.get(id);
    },
    reverify(id) {
      repo.save([analyzeCapture(captures.get(id), analysisContext())], 0);
      return captures.get(id);
    },
  };
}
