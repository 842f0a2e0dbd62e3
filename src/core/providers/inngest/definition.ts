import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

export const INNGEST_SIGNATURE_HEADER = 'X-Inngest-Signature';

/**
 * The events a function can be triggered by. The `inngest/*` names are the
 * SDK's own internal events (its `internalEvents` enum); the others are
 * examples of an app's own event names from Inngest's documentation.
 */
const EVENTS: Record<string, string> = {
  'inngest/function.failed':
    'A function failed after its last retry; data holds function_id, run_id, the error and the triggering event (what onFailure handlers receive).',
  'inngest/function.finished':
    'A function run finished; data holds function_id, run_id, correlation_id and either its result or its error.',
  'inngest/function.cancelled': 'A function run was cancelled; data holds function_id, run_id and correlation_id.',
  'inngest/function.invoked':
    'Another function called this one with step.invoke(); data is the payload it passed (the rest of data is not documented).',
  'inngest/scheduled.timer': 'A cron-triggered function is due; data.cron is its schedule.',
  'app/button.clicked': "An app's own event (the docs' retries example): the name and data are whatever the app sends.",
  'billing/invoice.created':
    "An app's own event (the docs' retries example): the name and data are whatever the app sends.",
};

const RUN_ID = '01JE{{HEX:22}}';
/** A ULID: 26 characters of Crockford's base 32. */
const ULID = '^[0-9A-HJKMNP-TV-Z]{26}$';

function triggering(name: string): JsonObject {
  return {
    name,
    data: { invoiceId: 'inv_{{id::12}}', amount: '{{int:500:99000}}', currency: 'usd' },
    id: '01JE{{HEX:22}}',
    ts: '{{time:unix-ms}}',
    user: {},
  };
}

const JSON_ERROR = {
  name: 'Error',
  message: 'Upstream API answered 503',
  stack: 'Error: Upstream API answered 503\n    at handler (src/inngest/functions.ts:12:11)',
};

function data(type: string): JsonObject {
  switch (type) {
    case 'inngest/function.failed':
      return {
        function_id: 'my-app-record-invoice',
        run_id: RUN_ID,
        error: JSON_ERROR,
        event: triggering('billing/invoice.created'),
      };
    case 'inngest/function.finished':
      return {
        function_id: 'my-app-record-invoice',
        run_id: RUN_ID,
        correlation_id: '{{uuid}}',
        result: { recorded: true },
      };
    case 'inngest/function.cancelled':
      return { function_id: 'my-app-record-invoice', run_id: RUN_ID, correlation_id: '{{uuid}}' };
    case 'inngest/function.invoked':
      return { invoiceId: 'inv_{{id::12}}' };
    case 'inngest/scheduled.timer':
      return { cron: '0 * * * *' };
    case 'app/button.clicked':
      return { buttonId: 'checkout', userId: 'user_{{id::12}}' };
    default:
      return { invoiceId: 'inv_{{id::12}}', amount: '{{int:500:99000}}', currency: 'usd' };
  }
}

/**
 * One function-invocation request as Inngest's executor posts it to the app's
 * serve endpoint: the triggering event, the memoized steps (none on a first
 * attempt) and the run's context. The posted body also repeats the event in
 * `events` (see index.ts).
 */
function invocation(type: string): JsonObject {
  return {
    event: { name: '{{eventType}}', data: data(type), id: '01JE{{HEX:22}}', ts: '{{time:unix-ms}}', user: {} },
    steps: {},
    defers: {},
    ctx: {
      fn_id: '{{uuid}}',
      run_id: RUN_ID,
      env: 'production',
      step_id: 'step',
      attempt: 0,
      max_attempts: 5,
      stack: { stack: [], current: 0 },
      qi_id: '{{id::20}}',
      disable_immediate_execution: false,
      use_api: false,
    },
    version: 2,
    use_api: false,
  };
}

export const inngest: ProviderDefinition = {
  id: 'inngest',
  name: 'Inngest',
  kind: 'common-scheme',
  description:
    "Inngest's calls to an app's serve endpoint (a function run for an event), signed X-Inngest-Signature t=<unix>&s=<hex> over body + timestamp.",
  source: 'https://github.com/inngest/inngest-js/blob/main/packages/inngest/src/helpers/net.ts',
  headers: [
    jsonContentType(),
    signatureHeader(
      INNGEST_SIGNATURE_HEADER,
      't=<unix>&s=<hex HMAC-SHA256 of body + timestamp>, keyed with the signing key after its signkey-<env>- prefix.',
    ),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Inngest t=<unix>&s=<hex> over "<body><timestamp>"',
        header: INNGEST_SIGNATURE_HEADER,
        format: { kind: 'kv', timestampKey: 't', signatureKey: 's', separator: '&' },
        digest: 'hex',
        signedContent: { template: '{body}{timestamp}', bodyForms: ['raw'] },
        timestamp: { in: 'signature' },
        toleranceSeconds: 300,
        secretPrefixPattern: 'signkey-\\w+-',
      }),
    ],
  },
  events: eventsFrom(EVENTS, invocation),
  envelope: {
    description:
      '{ event: { name, data, id, ts (unix ms), user }, events: [event], steps, defers, ctx: { fn_id, run_id, env, step_id, attempt, max_attempts, stack, ... }, version, use_api }, in RFC 8785 canonical JSON',
    requiredKeys: ['event', 'steps', 'ctx', 'version'],
    timeField: { path: 'event.ts', format: 'unix-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event.name' }],
  detection: { headers: [INNGEST_SIGNATURE_HEADER], headersAreGeneric: false },
  ids: {
    conventions: [
      {
        field: 'event.id',
        pattern: ULID,
        description: 'The event id (a ULID): the same on every attempt of the run.',
      },
      { field: 'ctx.run_id', pattern: ULID, description: 'The function run id (a ULID).' },
    ],
    delivery: { generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false, maxPayloadBytes: 4 * 1024 * 1024 },
  delivery: {
    timeoutMs: 2 * HOUR,
    success: '2xx',
    // The server's default table (pkg/backoff TableBackoff), indexed by the attempt that failed, for the default 4 retries.
    retryDelaysMs: [15 * SECOND, 30 * SECOND, 1 * MINUTE, 2 * MINUTE],
    afterFailure:
      'The step (or function) fails; Inngest emits inngest/function.failed and runs the onFailure handler if the function has one.',
  },
  notes: [
    'Scheme: the official SDK (inngest-js packages/inngest/src/helpers/net.ts signDataWithKey, components/InngestCommHandler.ts RequestSignature) and the server (inngest/inngest pkg/execution/driver/httpdriver Sign). X-Inngest-Signature is "t=<unix seconds>&s=<hex>" (URL-query pairs joined by "&"), the hex HMAC-SHA256 of the body followed by the timestamp text. The key is the signing key as text after removing its "signkey-<env>-" prefix (helpers/strings.ts removeSigningKeyPrefix, /^signkey-[\\w]+-/): the hex after the prefix is NOT hex-decoded, its characters are the key. Proven against the inngest package (test/core/providers/oracles/inngest.test.ts).',
    'Window: the SDK refuses a signature whose t is more than 5 minutes from its clock, in either direction (RequestSignature.hasExpired); Hookscope uses the same 300 s. The SDK checks signatures only in cloud mode; the dev server sends none.',
    'Body: the server writes the request with JSON Canonicalization (RFC 8785, gowebpki/jcs in pkg/execution/driver MarshalV1) and signs those bytes; the JS SDK parses the body and signs canonicalize(parsed) again to compare. Hookscope posts the same canonical form (keys sorted), so the raw bytes and the canonical form are the same bytes. Hookscope verifies the bytes as received, as the server signs them; the SDK, which re-canonicalizes, would also accept a body a proxy re-formatted, which Hookscope reports as re-serialized (body-pretty-printed or keys reordered).',
    "Requests: POST to the app's serve URL with ?fnId=<app-id>-<function-id>&stepId=step, Content-Type application/json and X-Inngest-Signature (httpdriver.go). The body is the server's SDKRequest: event, events, steps (memoized step results), defers, ctx (fn_id, run_id, env, step_id, attempt, max_attempts, stack, qi_id, disable_immediate_execution, use_api), version and use_api.",
    "Events: the inngest/* names are the SDK's internalEvents (helpers/consts.ts) whose data the SDK types (FailureEventPayload, FinishedEventPayload, CancelledEventPayload, InvokedEventPayload, ScheduledTimerEventPayload in types.ts); inngest/http.request and inngest/deferred.schedule are left out (their data is not typed or documented). Every other name is the app's own: app/button.clicked and billing/invoice.created are the examples of https://www.inngest.com/docs/features/inngest-functions/error-retries/retries.",
    'Retries: https://www.inngest.com/docs/features/inngest-functions/error-retries/retries - a function or step is retried up to 4 times after the first attempt by default (retries: 0-20 per function), "with backoff". The steps are not in the docs: the sender uses the open-source server\'s default table (pkg/backoff TableBackoff: 15 s, 30 s, 1 min, 2 min, then 5, 10, 20, 40 min, 1 h, 2 h), each plus 0-30 s of jitter that Hookscope leaves out. A response with X-Inngest-No-Retry: true or a 4xx from an SDK stops retries (httpdriver ShouldRetry): not modelled.',
    'Attempts: Inngest numbers each attempt in ctx.attempt (0 first) and re-signs the new body; Hookscope keeps one body per delivery, so its retries carry ctx.attempt 0 (the signature is fresh for each attempt either way).',
    'Timeout: the server waits up to 2 hours for a response (consts.MaxFunctionTimeout); serverless platforms usually cut the request first.',
  ],
};
