import { createHash } from 'node:crypto';
import type { Endpoint } from '../../shared/capture-types';
import { HookscopeError } from '../../shared/errors';
import { captureWireFields, type StoredCapture } from '../store/captures';
import type { StoredReplay } from '../store/replays';
import { VERSION } from '../version';
import type { ImportItem, ImportPlan } from './import-plan';
import {
  captureRecordSchema,
  endpointRecordSchema,
  firstIssue,
  headerRecordSchema,
  type CaptureRecord,
  type EndpointRecord,
  type ReplayRecord,
} from './records';

/**
 * NDJSON export: one JSON object a line. First a header, then the endpoints the
 * captures belong to, then one line per capture holding everything: raw header
 * pairs, body bytes (base64) with size and SHA-256, the answer given, the
 * verdict, and its replays and forwards with their requests and responses.
 */
export function headerLine(nowMs: number): string {
  return JSON.stringify({ type: 'hookscope-export', version: 1, exportedAt: new Date(nowMs).toISOString(), hookscope: VERSION });
}

export function endpointLine(e: Endpoint): string {
  const record: EndpointRecord = { type: 'endpoint', slug: e.slug, rule: e.rule, provider: e.provider, forwardUrl: e.forwardUrl, forwardMode: e.forwardMode };
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
    response: { status: r.status, headers: r.responseHeaders, bodyBase64: r.responseBody.toString('base64'), size: r.responseSize },
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

function invalid(line: number, message: string): HookscopeError {
  return new HookscopeError('IMPORT_INVALID', `line ${line}: ${message}; nothing was imported`, { line });
}

function toItem(record: CaptureRecord, line: number): ImportItem {
  const body = Buffer.from(record.bodyBase64, 'base64');
  if (createHash('sha256').update(body).digest('hex') !== record.bodySha256) {
    throw invalid(line, `capture ${record.id}: bodySha256 does not match bodyBase64 (the file was altered or damaged)`);
  }
  return {
    sourceId: record.id,
    endpoint: record.endpoint,
    capture: {
      receivedAt: Date.parse(record.receivedAt),
      method: record.method,
      url: record.url,
      path: record.path,
      query: record.query,
      httpVersion: record.httpVersion,
      remoteAddress: record.remoteAddress,
      remotePort: record.remotePort,
      headers: record.headers,
      body,
      bodySize: record.bodySize,
      bodySha256: record.bodySha256,
      truncated: record.truncated,
      error: record.error,
      response: record.response ?? { kind: 'none', reason: 'no response recorded' },
      provider: record.provider,
      eventType: record.eventType,
      signatureStatus: record.signatureStatus,
      signature: record.signature ?? null,
      staleVerdict: false,
    },
    replays: record.replays.map((r) => ({
      kind: r.kind,
      sentAt: Date.parse(r.sentAt),
      url: r.url,
      request: { method: r.request.method, headers: r.request.headers, body: Buffer.from(r.request.bodyBase64, 'base64') },
      resigned: r.resigned,
      edited: r.edited,
      warnings: r.warnings,
      status: r.response.status,
      responseHeaders: r.response.headers,
      responseBody: Buffer.from(r.response.bodyBase64, 'base64'),
      responseSize: r.response.size,
      durationMs: r.durationMs,
      ok: r.ok,
      errorKind: r.errorKind,
      errorMessage: r.errorMessage,
    })),
  };
}

/** Reads a whole NDJSON export, validating every line; throws IMPORT_INVALID naming the first bad line. */
export function parseNdjson(text: string): ImportPlan {
  const lines = text.split('\n');
  const plan: ImportPlan = { format: 'ndjson', endpoints: new Map(), items: [] };
  let sawHeader = false;
  const seen = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const n = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw invalid(n, `not JSON (${(error as Error).message})`);
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (!sawHeader) {
      const header = headerRecordSchema.safeParse(value);
      if (!header.success) throw invalid(n, `not a Hookscope export header (${firstIssue(header.error)})`);
      sawHeader = true;
      continue;
    }
    if (type === 'endpoint') {
      const parsed = endpointRecordSchema.safeParse(value);
      if (!parsed.success) throw invalid(n, `endpoint: ${firstIssue(parsed.error)}`);
      plan.endpoints.set(parsed.data.slug, parsed.data);
    } else if (type === 'capture') {
      const parsed = captureRecordSchema.safeParse(value);
      if (!parsed.success) throw invalid(n, `capture: ${firstIssue(parsed.error)}`);
      if (seen.has(parsed.data.id)) throw invalid(n, `capture ${parsed.data.id} appears twice`);
      seen.add(parsed.data.id);
      plan.items.push(toItem(parsed.data, n));
    } else {
      throw invalid(n, `unknown record type ${JSON.stringify(type)}`);
    }
  }
  if (!sawHeader) throw new HookscopeError('IMPORT_INVALID', 'the file is empty; nothing was imported');
  return plan;
}
