import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  HOUR,
  MINUTE,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  jsonContentType,
  signatureHeader,
} from '../definition-parts';

export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

/** https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event (delivery and engagement events). */
const EVENTS: Record<string, string> = {
  processed: 'The message was received and is ready to be delivered.',
  dropped: 'The message will not be delivered (bounced or unsubscribed address, spam content...).',
  delivered: 'The receiving server accepted the message.',
  deferred: 'The receiving server temporarily refused the message; SendGrid will try again.',
  bounce: 'The receiving server refused the message for good (type "bounce") or blocked it (type "blocked").',
  open: 'The recipient opened the message (a tracking pixel was loaded).',
  click: 'The recipient clicked a tracked link.',
  spamreport: 'The recipient marked the message as spam.',
  unsubscribe: 'The recipient unsubscribed from all mail of the sender.',
  group_unsubscribe: 'The recipient unsubscribed from one suppression group.',
  group_resubscribe: 'The recipient subscribed to a suppression group again.',
};

/** The fields each event adds to the common ones (same page, "Event objects"). */
function extra(type: string): JsonObject {
  switch (type) {
    case 'dropped':
      return { reason: 'Bounced Address', status: '5.0.0' };
    case 'deferred':
      return { response: '400 try again later', attempt: '{{int:1:9}}' };
    case 'bounce':
      return {
        type: '{{pick:bounce|blocked}}',
        reason: '500 unknown recipient',
        status: '5.0.0',
        bounce_classification: 'Invalid Address',
      };
    case 'delivered':
      return { response: '250 OK', ip: '168.1.1.{{int:1:254}}', tls: 1 };
    case 'open':
      return {
        useragent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)',
        ip: '255.255.255.255',
        sg_machine_open: false,
      };
    case 'click':
      return {
        useragent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        ip: '255.255.255.255',
        url: 'https://example.com/pricing?utm_source=newsletter',
        url_offset: { index: 0, type: 'html' },
      };
    case 'group_unsubscribe':
    case 'group_resubscribe':
      return {
        useragent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)',
        ip: '255.255.255.255',
        url: 'https://example.com/preferences',
        asm_group_id: '{{int:1:50}}',
      };
    default:
      return {};
  }
}

export const sendgrid: ProviderDefinition = {
  id: 'sendgrid',
  name: 'Twilio SendGrid Event Webhook',
  kind: 'common-scheme',
  description:
    'SendGrid email events (delivered, open, click, bounce...), posted as a JSON array and signed with ECDSA P-256 over "<timestamp><body>".',
  source:
    'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features',
  headers: [
    jsonContentType('application/json; charset=utf-8'),
    signatureHeader(SENDGRID_SIGNATURE_HEADER, 'Base64 DER ECDSA P-256 (SHA-256) signature of "<timestamp><body>".'),
    {
      name: SENDGRID_TIMESTAMP_HEADER,
      description: 'Unix seconds; signed in front of the body.',
      value: { kind: 'timestamp' },
    },
    {
      name: 'User-Agent',
      description: "SendGrid's event poster.",
      value: { kind: 'static', value: 'SendGrid Event API' },
    },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        name: 'default',
        label: 'ECDSA P-256, base64 DER, over "<timestamp><body>"',
        algorithm: 'ecdsa-p256-sha256',
        header: SENDGRID_SIGNATURE_HEADER,
        format: { kind: 'plain' },
        digest: 'base64',
        signedContent: { template: '{timestamp}{body}', bodyForms: ['raw'] },
        timestamp: { in: 'header', header: SENDGRID_TIMESTAMP_HEADER },
        secretEncoding: 'utf8',
      },
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    email: '{{pick:ada|grace|alan}}@example.com',
    timestamp: '{{time:unix-s}}',
    'smtp-id': '<{{id::22}}@ismtpd0001p1lon1.sendgrid.net>',
    event: '{{eventType}}',
    category: ['{{pick:newsletter|receipt|onboarding}}'],
    sg_event_id: '{{id::22}}',
    sg_message_id: '{{id::22}}.filterdrecv-{{int:100:999}}-{{int:1:99}}-1',
    ...extra(type),
  })),
  envelope: {
    description:
      'The body is a JSON array of event objects, each { email, timestamp (unix s), smtp-id, event, category, sg_event_id, sg_message_id, ... }; samples are one event, posted as [event].',
    requiredKeys: ['email', 'timestamp', 'event', 'sg_event_id', 'sg_message_id'],
    timeField: { path: 'timestamp', format: 'unix-s' },
    batched: true,
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: [SENDGRID_SIGNATURE_HEADER, SENDGRID_TIMESTAMP_HEADER], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'sg_event_id', description: 'Unique per event: a handler deduplicates by it.' }],
    delivery: { generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: [5 * MINUTE, 15 * MINUTE, 30 * MINUTE, 1 * HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR, 8 * HOUR],
    afterFailure: 'Dropped once 24 hours have passed without a 2xx; the events are lost.',
  },
  notes: [
    'Scheme: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook-security-features - X-Twilio-Email-Event-Webhook-Signature is the base64 DER ECDSA P-256/SHA-256 signature of the X-Twilio-Email-Event-Webhook-Timestamp value followed by the raw body, checked with the verification key (base64 SPKI) SendGrid shows. Proven both ways against @sendgrid/eventwebhook 8.0.0 (EventWebhook.verifySignature) and starkbank-ecdsa, which it is built on (test/core/providers/oracles/sendgrid.test.ts).',
    "Hookscope plays SendGrid with a key pair of its own (`hookscope keypair sendgrid`): it signs with the private key; configure your handler with the public key it prints. To verify captures, paste SendGrid's verification key (or that public key) as the endpoint secret.",
    'SendGrid documents no timestamp window, and the library checks none; none is enforced here.',
    'Body: SendGrid batches events into one JSON array per POST (https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event). Samples are one event object, posted as a one-element array; the event type is read from the first element ("0.event").',
    "Retries: https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/getting-started-event-webhook - a POST not answered with a 2xx is retried at increasing intervals until 24 hours after the event, then dropped. The steps are not published; the sender uses 5, 15, 30 min, 1, 2, 4, 8 and 8 h (about 24 h in all). Timeout: not documented; Hookscope's visible default of 30 s.",
    'Events: the delivery events (processed, dropped, delivered, deferred, bounce) and engagement events (open, click, spamreport, unsubscribe, group_unsubscribe, group_resubscribe) of the same page. sg_event_id is unique per event; sg_message_id names the message.',
  ],
};
