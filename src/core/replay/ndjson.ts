import type { Endpoint } from '../../shared/capture-types';
import { captureWireFields, type StoredCapture } from '../store/captures';
import type { StoredReplay } from '../store/replays';
import { VERSION } from '../version';
import type { CaptureRecord, EndpointRecord, ReplayRecord } from './import-records';

/**
 * NDJSON export: one JSON object a line. First a header, then the endpoints the
 * captures belong to, then one line per capture holding everything: raw header
 * pairs, body bytes (base64) with size and SHA-256, the answer given, the
 * verdict, and its replays and forwards with their requests and responses.
 * Reading it back is ndjson-import.ts.
 */
export function headerLine(nowMs: number): string {
  return JSON.stringify({
    type: 'hookscope-export',
    version: 1,
    exportedAt: new Date(nowMs).toISOString(),
    hookscope: VERSION,
  });
}

export function endpointLine(e: Endpoint): string {
  const record: EndpointRecord = {
    type: 'endpoint',
    slug: e.slug,
    rule: e.rule,
    provider: e.provider,
    forwardUrl: e.forwardUrl,
    forwardMode: e.forwardMode,
  };
  return JSON.stringify(record);
}

function replayRecord(r: StoredReplay): ReplayRecord {
  return {
    id: r.id,
    kind: r.kind,
    sentAt: new Date(r.sentAt).toISOString(),
    url: r.url,
    request: { method: r.request.method, headers: r.request.headers, bodyBase64: r.request.body.toString('base64') },
    resigned: r.resigned,
    edited: r.edited,
    warnings: r.warnings,
    response: {
      status: r.status,
      headers: r.responseHeaders,
      bodyBase64: r.responseBody.toString('base64'),
      size: r.responseSize,
    },
    durationMs: r.durationMs,
    ok: r.ok,
    errorKind: r.errorKind,
    errorMessage: r.errorMessage,
  };
}

export function captureLine(c: StoredCapture, replays: StoredReplay[]): string {
  const record: CaptureRecord = {
    type: 'capture',
    ...captureWireFields(c),
    response: c.response,
    provider: c.provider,
    eventType: c.eventType,
    signatureStatus: c.signatureStatus,
    signature: c.signature,
    replays: replays.map(replayRecord),
  };
  return JSON.stringify(record);
}
