/**
 * The schema of a handshake: a request a handler must answer in a set way
 * before events flow. Part of the provider model (provider-schema.ts).
 *
 * Pure: imports nothing but zod.
 */
import { z } from 'zod';
import { fieldPath, headerName } from './provider-schema-parts';

/**
 * A value a handshake carries or expects: from the event's sample (the
 * delivery's body), the query or a header of the handshake request, the
 * webhook's secret, or a literal; `hmac`: the HMAC of that value with the
 * secret instead (Zoom's encryptedToken = hex HMAC-SHA256(secret, plainToken)).
 */
const handshakeValueSchema = z
  .object({
    from: z.enum(['sample', 'query', 'header', 'secret', 'literal']),
    path: fieldPath.optional(),
    name: z.string().min(1).optional(),
    value: z.union([z.string(), z.number(), z.boolean()]).optional(),
    hmac: z
      .object({ algorithm: z.enum(['hmac-sha256', 'hmac-sha1', 'hmac-sha512']), digest: z.enum(['hex', 'base64']) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const needs = { sample: 'path', query: 'name', header: 'name', literal: 'value' } as const;
    const key = v.from === 'secret' ? undefined : needs[v.from];
    if (key && v[key] === undefined)
      ctx.addIssue({ code: 'custom', path: [key], message: `is required when from is "${v.from}"` });
  });

/** One thing a correct handshake answer holds: the whole body as text, a JSON or form field, or a header. */
const handshakeCheckSchema = z.discriminatedUnion('in', [
  z.object({ in: z.literal('text'), value: handshakeValueSchema }).strict(),
  z.object({ in: z.literal('json'), path: fieldPath, value: handshakeValueSchema }).strict(),
  z.object({ in: z.literal('form'), name: z.string().min(1), value: handshakeValueSchema }).strict(),
  z
    .object({
      in: z.literal('header'),
      name: headerName,
      value: handshakeValueSchema,
      /** `media-type`: only the part before `;`, case-insensitive (Content-Type: text/plain; charset=utf-8). */
      match: z.enum(['exact', 'media-type']).default('exact'),
    })
    .strict(),
]);

/**
 * A request the handler must answer in a set way before events flow (Zoom's
 * URL validation, Twitch's and Slack's challenges, Asana's X-Hook-Secret,
 * Dropbox's GET ?challenge=). The event's sample holds the values it carries.
 */
export const handshakeSchema = z
  .object({
    request: z
      .object({
        method: z.enum(['POST', 'GET']).default('POST'),
        /** Query parameters added to the handler's URL. */
        query: z.record(z.string().min(1), handshakeValueSchema).default({}),
        /** Headers beyond the provider's own (Asana's X-Hook-Secret). */
        headers: z.array(z.object({ name: headerName, value: handshakeValueSchema }).strict()).default([]),
        /** `sample`: the event's sample is the body; `none`: an empty body (the sample then only holds values). */
        body: z.enum(['sample', 'none']).default('sample'),
        /** Whether the provider's signature headers are sent (false: none of them). */
        signed: z.boolean().default(true),
      })
      .strict()
      .default({ method: 'POST', query: {}, headers: [], body: 'sample', signed: true }),
    answer: z
      .object({
        /** The status a correct answer has: one number, a list, or any 2xx. */
        status: z.union([z.literal('2xx'), z.array(z.number().int().min(100).max(599)).min(1)]).default([200]),
        /** Correct when every check of one of these holds (Slack: the challenge as text, or as JSON, or as a form). */
        anyOf: z.array(z.array(handshakeCheckSchema)).default([[]]),
        /** Recommended, not required: a miss is named, the answer still counts. */
        advisory: z.array(handshakeCheckSchema).default([]),
        /** How long the provider waits for the answer (default: its delivery timeout). */
        timeoutMs: z.number().int().positive().optional(),
        /** What the provider does when the answer is wrong (handshakes are not retried). */
        afterFailure: z.string().default('The endpoint is not verified.'),
        /** One sentence: what a correct answer is. */
        summary: z.string().min(1),
      })
      .strict(),
  })
  .strict();
