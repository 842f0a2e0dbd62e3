import { z } from 'zod';
import { headerPairSchema, responseRuleSchema, slugSchema } from '../../shared/capture-types';

/**
 * The shapes of an import, validated before anything is written: a bad file
 * changes nothing. Shared by the NDJSON and HAR readers.
 */

export const captureResponseSchema = z.union([
  z.object({
    kind: z.literal('answered'),
    status: z.number().int().min(100).max(599),
    headers: z.array(headerPairSchema),
    body: z.string(),
    delayMs: z.number().int().min(0),
    reason: z.string().optional(),
  }),
  z.object({ kind: z.literal('hang') }),
  z.object({ kind: z.literal('reset') }),
  z.object({ kind: z.literal('none'), reason: z.string() }),
]);

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO time');
const errorKind = z.enum(['status', 'timeout', 'connection-refused', 'connection-reset', 'dns', 'tls', 'network', 'interrupted', 'not-sent']);

export const replayRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['replay', 'forward']),
  sentAt: isoTime,
  url: z.string(),
  request: z.object({ method: z.string().min(1), headers: z.array(headerPairSchema), bodyBase64: base64 }),
  resigned: z
    .object({ provider: z.string(), scheme: z.string(), timestamp: z.number().int(), secretIndex: z.number().int().nullable() })
    .nullable(),
  edited: z.boolean(),
  warnings: z.array(z.string()),
  response: z.object({ status: z.number().int().nullable(), headers: z.array(headerPairSchema), bodyBase64: base64, size: z.number().int().min(0) }),
  durationMs: z.number().int().nullable(),
  ok: z.boolean(),
  errorKind: errorKind.nullable(),
  errorMessage: z.string().nullable(),
});

export const captureRecordSchema = z.object({
  type: z.literal('capture'),
  id: z.number().int().positive(),
  endpoint: slugSchema,
  receivedAt: isoTime,
  method: z.string().min(1),
  url: z.string(),
  path: z.string(),
  query: z.string(),
  httpVersion: z.string(),
  remoteAddress: z.string().nullable(),
  remotePort: z.number().int().nullable(),
  headers: z.array(headerPairSchema),
  bodyBase64: base64,
  bodySize: z.number().int().min(0),
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
  truncated: z.boolean(),
  error: z.string().nullable(),
  response: captureResponseSchema.nullable(),
  provider: z.string().nullable(),
  eventType: z.string().nullable(),
  signatureStatus: z.string().nullable(),
  signature: z.unknown(),
  replays: z.array(replayRecordSchema),
});

export const endpointRecordSchema = z.object({
  type: z.literal('endpoint'),
  slug: slugSchema,
  rule: responseRuleSchema,
  provider: z.string().nullable(),
  forwardUrl: z.string().nullable(),
  forwardMode: z.enum(['rule', 'proxy']),
});

export const headerRecordSchema = z.object({
  type: z.literal('hookscope-export'),
  version: z.literal(1),
  exportedAt: isoTime,
  hookscope: z.string(),
});

export type CaptureRecord = z.infer<typeof captureRecordSchema>;
export type ReplayRecord = z.infer<typeof replayRecordSchema>;
export type EndpointRecord = z.infer<typeof endpointRecordSchema>;

/** The first problem zod found, as "field.path: message". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.length ? issue.path.join('.') : '(record)'}: ${issue.message}`;
}
