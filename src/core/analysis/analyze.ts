import type { Endpoint } from '../../shared/capture-types';
import { detectProvider, verifyRequest, type ProviderRegistry } from '../providers';
import type { StoredCapture } from '../store/captures';
import type { AnalysisResult } from '../store/analysis';

export interface AnalysisContext {
  registry: ProviderRegistry;
  endpoint: (id: number) => Endpoint | undefined;
  secrets: (endpointId: number) => string[];
  /** Secrets of other endpoints, so a wrong-secret mistake can be named (never to make a request valid). */
  otherSecrets: (endpointId: number) => { label: string; secret: string }[];
}

/**
 * Who sent a capture and whether its signature holds. Pure over its inputs:
 * verification uses the time the request was received, so a verdict does not
 * turn stale just because it is looked at later.
 */
export function analyzeCapture(capture: StoredCapture, ctx: AnalysisContext): AnalysisResult {
  const endpoint = ctx.endpoint(capture.endpointId);
  const bound = endpoint?.provider ?? undefined;
  const detection = detectProvider({ headers: capture.headers, body: capture.body }, ctx.registry, bound);
  const provider = detection.providerId ? ctx.registry.get(detection.providerId) : undefined;
  if (!provider) return { id: capture.id, provider: null, eventType: null, signatureStatus: null, signature: null };
  const verdict = verifyRequest(provider, {
    headers: capture.headers,
    body: capture.body,
    secrets: ctx.secrets(capture.endpointId),
    nowMs: capture.receivedAt,
    otherSecrets: ctx.otherSecrets(capture.endpointId),
    url: capture.url,
    method: capture.method,
  });
  return {
    id: capture.id,
    provider: provider.id,
    eventType: detection.eventType,
    signatureStatus: verdict.status,
    signature: verdict,
  };
}
