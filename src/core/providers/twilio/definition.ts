import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { SECOND, eventsFrom, hmacForm, signatureHeader } from '../definition-parts';

/** Messaging: the incoming message webhook and the status callback's every MessageStatus. */
const MESSAGE_EVENTS: Record<string, string> = {
  'message.received': 'An SMS/MMS arrived at your Twilio number (the incoming-message webhook, SmsStatus=received).',
  'message.queued': 'Status callback: the outgoing message is queued.',
  'message.sending': 'Status callback: Twilio is sending the message.',
  'message.sent': 'Status callback: the carrier accepted the message.',
  'message.delivered': 'Status callback: the carrier confirmed delivery.',
  'message.undelivered': 'Status callback: the carrier could not deliver (ErrorCode says why).',
  'message.failed': 'Status callback: the message could not be sent (ErrorCode says why).',
  'message.read': 'Status callback: WhatsApp / RCS read receipt.',
};

/** Voice: the incoming call webhook (CallStatus=ringing) and the call status callback's every CallStatus. */
const CALL_EVENTS: Record<string, string> = {
  'call.ringing': 'A call is ringing your Twilio number (the incoming-call webhook, which must answer with TwiML).',
  'call.initiated': 'Status callback: Twilio started dialing an outgoing call.',
  'call.in-progress': 'Status callback: the call was answered.',
  'call.completed': 'Status callback: the call ended normally.',
  'call.busy': 'Status callback: the callee was busy.',
  'call.no-answer': 'Status callback: nobody answered.',
  'call.failed': 'Status callback: the call could not be placed.',
  'call.canceled': 'Status callback: the call was canceled while queued or ringing.',
};

const ACCOUNT = 'AC{{hex:32}}';

function messageSample(type: string): JsonObject {
  const status = type.slice('message.'.length);
  const common = {
    AccountSid: ACCOUNT,
    ApiVersion: '2010-04-01',
    MessageSid: 'SM{{hex:32}}',
    SmsSid: 'SM{{hex:32}}',
    SmsStatus: status,
    From: '+1415555{{int:1000:9999}}',
    To: '+1415555{{int:1000:9999}}',
  };
  if (status === 'received')
    return {
      ...common,
      MessagingServiceSid: 'MG{{hex:32}}',
      SmsMessageSid: 'SM{{hex:32}}',
      Body: 'Is my order on its way?',
      NumMedia: '0',
      NumSegments: '1',
      FromCountry: 'US',
      ToCountry: 'US',
    };
  return {
    ...common,
    MessageStatus: status,
    ...(status === 'failed' || status === 'undelivered' ? { ErrorCode: '{{pick:30003|30005|30006|30008}}' } : {}),
  };
}

function callSample(type: string): JsonObject {
  const status = type.slice('call.'.length);
  return {
    AccountSid: ACCOUNT,
    ApiVersion: '2010-04-01',
    CallSid: 'CA{{hex:32}}',
    CallStatus: status,
    Direction: status === 'ringing' ? 'inbound' : 'outbound-api',
    From: '+1415555{{int:1000:9999}}',
    To: '+1415555{{int:1000:9999}}',
    Caller: '+1415555{{int:1000:9999}}',
    Called: '+1415555{{int:1000:9999}}',
    ...(status === 'completed' ? { CallDuration: '{{int:5:900}}' } : {}),
  };
}

const names = (events: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.keys(events).map((type) => [type.slice(prefix.length), type]));

export const twilio: ProviderDefinition = {
  id: 'twilio',
  name: 'Twilio',
  kind: 'common-scheme',
  description:
    'Twilio Messaging and Voice webhooks: form-encoded POSTs signed with the Auth Token, base64 HMAC-SHA1 over the URL followed by the sorted form fields.',
  source: 'https://www.twilio.com/docs/usage/webhooks/webhooks-security',
  headers: [
    {
      name: 'Content-Type',
      description: 'The body is form fields.',
      value: { kind: 'static', value: 'application/x-www-form-urlencoded' },
    },
    {
      name: 'I-Twilio-Idempotency-Token',
      description: 'The same on every retry of one request.',
      value: { kind: 'delivery-id' },
    },
    signatureHeader(
      'X-Twilio-Signature',
      'Base64 HMAC-SHA1, keyed with the Auth Token, of the URL then each POST field name+value sorted by name.',
    ),
  ],
  signature: {
    defaultForm: 'form',
    forms: [
      hmacForm({
        name: 'form',
        label: 'Twilio base64 HMAC-SHA1 over the URL + sorted form fields',
        header: 'X-Twilio-Signature',
        format: { kind: 'plain' },
        digest: 'base64',
        signedContent: { template: '{url}{form}', bodyForms: ['raw'] },
      }),
      hmacForm({
        name: 'json',
        label: 'Twilio JSON body: base64 HMAC-SHA1 over the URL, which carries bodySHA256',
        header: 'X-Twilio-Signature',
        format: { kind: 'plain' },
        digest: 'base64',
        signedContent: { template: '{url}', bodyForms: ['raw'] },
        bodyHashQuery: 'bodySHA256',
      }),
    ].map((f) => ({ ...f, algorithm: 'hmac-sha1' as const })),
  },
  events: [...eventsFrom(MESSAGE_EVENTS, messageSample), ...eventsFrom(CALL_EVENTS, callSample)],
  envelope: {
    description:
      'Form fields: AccountSid, ApiVersion, then MessageSid/SmsStatus/MessageStatus (Messaging) or CallSid/CallStatus (Voice). No event type field: the status names the event.',
    requiredKeys: ['AccountSid', 'ApiVersion'],
  },
  eventTypeLocations: [
    { in: 'body', path: 'MessageStatus', names: names(MESSAGE_EVENTS, 'message.') },
    { in: 'body', path: 'SmsStatus', names: names(MESSAGE_EVENTS, 'message.') },
    { in: 'body', path: 'CallStatus', names: names(CALL_EVENTS, 'call.') },
  ],
  detection: { headers: ['X-Twilio-Signature', 'I-Twilio-Idempotency-Token'], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'AccountSid', pattern: '^AC[0-9a-f]{32}$', description: 'Account SID: AC + 32 hex.' },
      { field: 'MessageSid', pattern: '^(SM|MM)[0-9a-f]{32}$', description: 'Message SID: SM/MM + 32 hex.' },
      { field: 'CallSid', pattern: '^CA[0-9a-f]{32}$', description: 'Call SID: CA + 32 hex.' },
    ],
    delivery: { generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: 15 * SECOND,
    success: '2xx',
    retryDelaysMs: [],
    afterFailure:
      'No retry of an HTTP error: Twilio logs error 11200 in the Debugger (and for a call, tries the Fallback URL, else says "an application error has occurred").',
  },
  notes: [
    'Scheme: https://www.twilio.com/docs/usage/webhooks/webhooks-security - X-Twilio-Signature is the base64 HMAC-SHA1 of the full URL (scheme, host, port if any, path and query) followed by every POST field sorted by name, each name then value, keyed with the Auth Token. Proven both ways against twilio (npm) validateRequest.',
    'JSON-body form ("json"): for a request whose body is not form fields, Twilio appends bodySHA256=<hex SHA-256 of the body> to the URL and signs the URL alone; twilio validateRequestWithBody checks both. The sender appends that parameter to the webhook URL when it plays this form. It still posts the form-encoded sample body, since the Content-Type is the provider\'s, not the form\'s.',
    "The URL is the one configured in Twilio: behind ngrok or a proxy the handler must rebuild the public https URL (X-Forwarded-Proto / -Host). Hookscope's verifier tries those variants, with and without the default port (twilio-node does too), and names the one that matched.",
    'Not modelled: the SharedKey HMAC-SHA256 variant (X-Twilio-Webhooks-Signature-Settings), which twilio 6.x can check; it shares the header, so only the Auth Token scheme is played.',
    'Timeout and retries: https://www.twilio.com/docs/usage/webhooks/webhooks-connection-overrides - 15 s total (#tt=15000), and one retry (#rc=1) only when the connection fails (#rp=ct); an HTTP error response is not retried, so the sender plays no retry.',
    'Events: the Messaging status callback values (https://www.twilio.com/docs/messaging/api/message-resource#message-status-values) and the Voice CallStatus values (https://www.twilio.com/docs/voice/api/call-resource#call-status-values). Twilio sends no event type: the type is read from MessageStatus, SmsStatus or CallStatus.',
  ],
};
