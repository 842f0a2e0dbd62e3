/**
 * The provider model, as data, declared once: these zod schemas are what a
 * user's provider file must satisfy (with friendly defaults), the self-check of
 * the built-in definitions (src/core/providers/<id>/), and, through
 * `z.output`, the TypeScript types of the model (re-exported by providers.ts).
 * Errors name the field and the problem.
 *
 * Pure: imports nothing but zod.
 */
import { z } from 'zod';
import { handshakeSchema } from './handshake-schema';
import {
  fieldPath,
  headerName,
  jsonValueSchema,
  regexSource,
  PROVIDER_ID_PATTERN,
  PROVIDER_KINDS,
} from './provider-schema-parts';
import { signatureFormSchema, timeFormatSchema } from './signature-schema';

export {
  BODY_SIGNATURE_PREFIX,
  FIELD_PATH_PATTERN,
  HEADER_NAME_PATTERN,
  PROVIDER_ID_PATTERN,
  PROVIDER_KINDS,
  SIGNATURE_ALGORITHMS,
  type JsonObject,
  type JsonValue,
} from './provider-schema-parts';

/** Where an outgoing header's value comes from. */
const headerValueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('static'), value: z.string() }).strict(),
  z.object({ kind: z.literal('event-type') }).strict(),
  /** The event type up to its first `.`: the event name when the action is in the body (GitHub's X-GitHub-Event). */
  z.object({ kind: z.literal('event-name') }).strict(),
  z.object({ kind: z.literal('delivery-id') }).strict(),
  /** On a retry only: its number, 1 for the first retry (Slack's X-Slack-Retry-Num). */
  z.object({ kind: z.literal('retry-number') }).strict(),
  /**
   * On a retry only: why the attempt before it failed, in the provider's words
   * (Slack's X-Slack-Retry-Reason), by error kind: `status` (a non-2xx
   * answer), `timeout`, `connection-refused`, `connection-reset`, `dns`,
   * `tls`, `network`; `other` for the rest.
   */
  z.object({ kind: z.literal('retry-reason'), words: z.record(z.string(), z.string().min(1)) }).strict(),
  z.object({ kind: z.literal('signature') }).strict(),
  z.object({ kind: z.literal('timestamp') }).strict(),
]);

/** What part of a delivery policy the provider does not document (the sender then plays Hookscope's visible default). */
export const UNDOCUMENTED_PARTS = ['timeout', 'retries'] as const;

/**
 * Read by the sender engine. attempts = retryDelaysMs.length + 1; each delay
 * counts from the previous failed attempt. `notDocumented` names the parts
 * the provider publishes nothing about: their values are Hookscope's
 * default, shown as "default, not documented by <provider>".
 */
const deliveryPolicySchema = z
  .object({
    timeoutMs: z.number().int().positive(),
    success: z.enum(['2xx', 'exactly-200']),
    retryDelaysMs: z.array(z.number().int().nonnegative()),
    afterFailure: z.string(),
    disableAfterFailingMs: z.number().int().positive().optional(),
    notDocumented: z.array(z.enum(UNDOCUMENTED_PARTS)).optional(),
  })
  .strict();

const DEFAULT_DELIVERY: z.output<typeof deliveryPolicySchema> = {
  timeoutMs: 30_000,
  success: '2xx',
  retryDelaysMs: [],
  afterFailure: 'Marked failed.',
};

/**
 * The schema of a provider definition, for user files (with friendly
 * defaults) and as a self-check of the built-in ones.
 */
export const providerDefinitionSchema = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(PROVIDER_ID_PATTERN, 'must be lowercase letters, digits, ".", "_" or "-" (at most 64)'),
    name: z.string().min(1),
    kind: z.enum(PROVIDER_KINDS).default('user'),
    description: z.string().default(''),
    source: z.string().optional(),
    headers: z
      .array(z.object({ name: headerName, description: z.string().default(''), value: headerValueSchema }).strict())
      .default([
        { name: 'Content-Type', description: 'JSON body', value: { kind: 'static', value: 'application/json' } },
      ]),
    signature: z
      .object({ forms: z.array(signatureFormSchema).min(1), defaultForm: z.string().optional() })
      .strict()
      .transform((s, ctx) => {
        const defaultForm = s.defaultForm ?? s.forms[0].name;
        if (!s.forms.some((f) => f.name === defaultForm)) {
          ctx.addIssue({
            code: 'custom',
            path: ['defaultForm'],
            message: `names no form (forms: ${s.forms.map((f) => f.name).join(', ')})`,
          });
        }
        const names = s.forms.map((f) => f.name);
        const dup = names.find((n, i) => names.indexOf(n) !== i);
        if (dup) ctx.addIssue({ code: 'custom', path: ['forms'], message: `has two forms named "${dup}"` });
        return { forms: s.forms, defaultForm };
      }),
    events: z
      .array(
        z
          .object({
            type: z.string().min(1),
            description: z.string().default(''),
            sample: z.record(z.string(), jsonValueSchema).optional(),
            /** Present when this event is a handshake the handler must answer in a set way. */
            handshake: handshakeSchema.optional(),
          })
          .strict(),
      )
      .min(1),
    subscriptionWildcard: z.string().optional(),
    envelope: z
      .object({
        description: z.string().default(''),
        requiredKeys: z.array(z.string().min(1)).default([]),
        timeField: z.object({ path: fieldPath, format: timeFormatSchema }).strict().optional(),
        /** The body is a JSON array of events (HubSpot): the sender sends the event inside one, detection reads its first element. */
        batched: z.boolean().optional(),
        /** The body is an object whose array at this path holds the events (GoCardless's `{"events":[...]}`): detection reads its first element. */
        batchPath: fieldPath.optional(),
      })
      .strict()
      .default({ description: '', requiredKeys: [] }),
    eventTypeLocations: z
      .array(
        z.discriminatedUnion('in', [
          z
            .object({
              in: z.literal('body'),
              path: fieldPath,
              names: z.record(z.string(), z.string().min(1)).optional(),
              /** A second body field whose value follows the first after a `.` (GoCardless: `resource_type` + `action` → `payments.confirmed`). */
              actionPath: fieldPath.optional(),
            })
            .strict(),
          /** `actionPath`: a body field whose value follows the header's after a `.` (GitHub: `issues` + `action` → `issues.opened`). */
          z.object({ in: z.literal('header'), name: headerName, actionPath: fieldPath.optional() }).strict(),
        ]),
      )
      .default([{ in: 'body', path: 'type' }]),
    detection: z
      .object({ headers: z.array(headerName).default([]), headersAreGeneric: z.boolean().default(false) })
      .strict()
      .default({ headers: [], headersAreGeneric: false }),
    ids: z
      .object({
        conventions: z
          .array(
            z
              .object({
                field: fieldPath,
                prefix: z.string().min(1).optional(),
                pattern: regexSource.optional(),
                description: z.string().default(''),
              })
              .strict(),
          )
          .default([]),
        delivery: z
          .object({
            fromPayload: fieldPath.optional(),
            generate: z
              .discriminatedUnion('style', [
                z.object({ style: z.literal('uuid') }).strict(),
                z.object({ style: z.literal('prefixed'), prefix: z.string().min(1) }).strict(),
              ])
              .default({ style: 'uuid' }),
          })
          .strict()
          .default({ generate: { style: 'uuid' } }),
      })
      .strict()
      .default({ conventions: [], delivery: { generate: { style: 'uuid' } } }),
    limits: z
      .object({
        maxPayloadBytes: z.number().int().positive().optional(),
        httpsRequired: z.boolean().default(false),
        webhooksPerProperty: z.number().int().positive().optional(),
      })
      .strict()
      .default({ httpsRequired: false }),
    delivery: deliveryPolicySchema.default(DEFAULT_DELIVERY),
    notes: z.array(z.string()).default([]),
  })
  .strict()
  .superRefine((p, ctx) => {
    const types = p.events.map((e) => e.type);
    const dup = types.find((t, i) => types.indexOf(t) !== i);
    if (dup) ctx.addIssue({ code: 'custom', path: ['events'], message: `lists event type "${dup}" twice` });
  });

export type ProviderDefinitionInput = z.input<typeof providerDefinitionSchema>;
/** A provider definition as the app holds it: the schema's output, without the file's `$schema` key. */
export type ProviderDefinitionOutput = Omit<z.output<typeof providerDefinitionSchema>, '$schema'>;
export type DeliveryPolicyOutput = z.output<typeof deliveryPolicySchema>;
export type HandshakeOutput = z.output<typeof handshakeSchema>;

/** Drops the optional `$schema` key and returns the definition in its contract shape. */
export function toProviderDefinition(parsed: z.output<typeof providerDefinitionSchema>): ProviderDefinitionOutput {
  const { $schema: _schema, ...rest } = parsed;
  return rest;
}
