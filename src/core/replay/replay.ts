import type { Endpoint } from '../../shared/capture-types';
import type { ReplayErrorKind, ReplayKind } from '../../shared/replay-types';
import type { Clock } from '../clock';
import type { ProviderRegistry } from '../providers';
import type { StoredCapture } from '../store/captures';
import type { EndpointRepo } from '../store/endpoints';
import type { NewReplay, ReplayRepo, StoredReplay } from '../store/replays';
import type { SecretRepo } from '../store/secrets';
import type { AttemptFn, AttemptResult } from '../sender/types';
import { planReplay, type PlanContext, type ReplayEdits, type ReplayPlan } from './plan';

export interface ReplayerDeps {
  /** The capture with its provider and verdict (analyzed now if need be). */
  load(id: number): StoredCapture;
  endpoints: EndpointRepo;
  secrets: SecretRepo;
  providers: ProviderRegistry;
  replays: ReplayRepo;
  clock: Clock;
  /** One HTTP exchange (performAttempt). */
  attempt: AttemptFn;
  /** Told of every recorded replay or forward. */
  onRecorded?(replay: StoredReplay): void;
}

export interface ReplayRequest extends ReplayEdits {
  signal?: AbortSignal;
}

/** The plan's inputs for a capture: its endpoint, that endpoint's secrets, its provider, the time. */
export function planContext(
  deps: Pick<ReplayerDeps, 'endpoints' | 'secrets' | 'providers' | 'clock'>,
  capture: StoredCapture,
  endpoint?: Endpoint,
): PlanContext {
  const ep = endpoint ?? deps.endpoints.get(capture.endpoint);
  const providerId = capture.provider ?? ep.provider;
  return {
    endpoint: ep,
    secrets: deps.secrets.list(ep.id),
    provider: providerId ? deps.providers.get(providerId) : undefined,
    nowMs: deps.clock.now(),
  };
}

/** The row recording an exchange, or a request that was never sent. */
export function replayRow(
  captureId: number,
  kind: ReplayKind,
  plan: Pick<ReplayPlan, 'url' | 'method' | 'headers' | 'body' | 'edited' | 'resigned' | 'warnings'>,
  sentAt: number,
  result: AttemptResult | { errorKind: ReplayErrorKind; errorMessage: string },
): NewReplay {
  const base = {
    captureId,
    kind,
    sentAt,
    url: plan.url,
    resigned: plan.resigned,
    edited: plan.edited,
    warnings: plan.warnings,
  };
  if (!('request' in result)) {
    return {
      ...base,
      request: { method: plan.method, headers: plan.headers, body: plan.body },
      status: null,
      responseHeaders: [],
      responseBody: new Uint8Array(),
      responseSize: 0,
      durationMs: null,
      ok: false,
      errorKind: result.errorKind,
      errorMessage: result.errorMessage,
    };
  }
  return {
    ...base,
    request: result.request,
    status: result.status,
    responseHeaders: result.responseHeaders,
    responseBody: result.responseBody,
    responseSize: result.responseSize,
    durationMs: result.durationMs,
    ok: result.ok,
    errorKind: result.errorKind,
    errorMessage: result.errorMessage,
  };
}

export type Replayer = ReturnType<typeof createReplayer>;

/** Sends a capture again, as captured or edited, optionally re-signed, and records the exchange. */
export function createReplayer(deps: ReplayerDeps) {
  /** Sends one capture; throws BAD_INPUT (nothing sent, nothing recorded) when the request cannot be made. */
  async function replay(captureId: number, request: ReplayRequest = {}): Promise<StoredReplay> {
    const capture = deps.load(captureId);
    const plan = planReplay(capture, planContext(deps, capture), request);
    const sentAt = deps.clock.now();
    const result = await deps.attempt(
      plan.url,
      { method: plan.method, headers: plan.headers, body: plan.body },
      { timeoutMs: plan.timeoutMs, success: plan.success, signal: request.signal },
    );
    const stored = deps.replays.get(deps.replays.add(replayRow(capture.id, 'replay', plan, sentAt, result)));
    deps.onRecorded?.(stored);
    return stored;
  }

  /** What a replay with these edits would send now (target, method, headers, re-signing), without sending or recording it. */
  function preview(
    captureId: number,
    request: ReplayEdits = {},
  ): Pick<ReplayPlan, 'url' | 'method' | 'headers' | 'resigned' | 'warnings'> {
    const capture = deps.load(captureId);
    const { url, method, headers, resigned, warnings } = planReplay(capture, planContext(deps, capture), request);
    return { url, method, headers, resigned, warnings };
  }

  return { replay, preview };
}
