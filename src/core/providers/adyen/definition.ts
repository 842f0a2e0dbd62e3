import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { HOUR, MINUTE, SECOND, eventsFrom, hmacForm, jsonContentType } from '../definition-parts';

/** Standard webhook event codes (https://docs.adyen.com/development-resources/webhooks/webhook-types). */
const EVENTS: Record<string, string> = {
  AUTHORISATION: 'A payment was authorised (success "true") or refused ("false").',
  AUTHORISATION_ADJUSTMENT: 'An authorised amount was adjusted.',
  CANCELLATION: 'An authorised payment was cancelled.',
  CANCEL_OR_REFUND: 'A payment was cancelled or refunded.',
  CAPTURE: 'A payment was captured.',
  CAPTURE_FAILED: 'A capture failed.',
  REFUND: 'A payment was refunded.',
  REFUND_FAILED: 'A refund failed.',
  REFUNDED_REVERSED: 'A refund was reversed by the scheme.',
  REFUND_WITH_DATA: 'An unreferenced refund was made.',
  TECHNICAL_CANCEL: 'A payment was cancelled for a technical reason.',
  VOID_PENDING_REFUND: 'A pending refund was voided.',
  PAIDOUT_REVERSED: 'A payout was reversed.',
  PENDING: 'A payment is pending (asynchronous payment methods).',
  EXPIRE: 'An authorisation expired.',
  OFFER_CLOSED: 'A payment offer was closed.',
  ORDER_OPENED: 'A partial-payment order was opened.',
  ORDER_CLOSED: 'A partial-payment order was closed.',
  RECURRING_CONTRACT: 'A recurring contract (token) was created.',
  REPORT_AVAILABLE: 'A report is ready to download.',
  MANUAL_REVIEW_ACCEPT: 'A payment under manual review was accepted.',
  MANUAL_REVIEW_REJECT: 'A payment under manual review was rejected.',
  HANDLED_EXTERNALLY: 'A payment was handled outside Adyen.',
  POSTPONED_REFUND: 'A refund was postponed.',
  DONATION: 'A donation was made.',
  AUTORESCUE: 'A failed recurring payment was rescued.',
  CANCEL_AUTORESCUE: 'An auto-rescue was cancelled.',
  CHARGEBACK: 'A chargeback was booked.',
  CHARGEBACK_REVERSED: 'A chargeback was reversed.',
  SECOND_CHARGEBACK: 'A second chargeback was booked.',
  NOTIFICATION_OF_CHARGEBACK: 'A dispute was opened, before the chargeback.',
  NOTIFICATIONOFFRAUD: 'The issuer reported fraud.',
  REQUEST_FOR_INFORMATION: 'The issuer asked for information about a payment.',
  PREARBITRATION_WON: 'A pre-arbitration was won.',
  PREARBITRATION_LOST: 'A pre-arbitration was lost.',
  INFORMATION_SUPPLIED: 'Information was supplied for a dispute.',
  ISSUER_COMMENTS: 'The issuer commented on a dispute.',
  ISSUER_RESPONSE_TIMEFRAME_EXPIRED: "The issuer's response time frame expired.",
  DISPUTE_DEFENSE_PERIOD_ENDED: 'The defense period of a dispute ended.',
};

const MODIFICATIONS = new Set([
  'CANCELLATION',
  'CANCEL_OR_REFUND',
  'CAPTURE',
  'CAPTURE_FAILED',
  'REFUND',
  'REFUND_FAILED',
  'REFUNDED_REVERSED',
  'TECHNICAL_CANCEL',
  'AUTHORISATION_ADJUSTMENT',
  'CHARGEBACK',
  'CHARGEBACK_REVERSED',
  'SECOND_CHARGEBACK',
  'NOTIFICATION_OF_CHARGEBACK',
  'REQUEST_FOR_INFORMATION',
  'PREARBITRATION_WON',
  'PREARBITRATION_LOST',
  'VOID_PENDING_REFUND',
]);

function sample(eventCode: string): JsonObject {
  return {
    live: 'false',
    notificationItems: [
      {
        NotificationRequestItem: {
          additionalData: {},
          amount: { currency: '{{pick:EUR|USD|GBP}}', value: '{{int:100:100000}}' },
          eventCode: '{{eventType}}',
          eventDate: '{{time:iso-s}}',
          merchantAccountCode: 'AcmeECOM',
          merchantReference: 'order-{{int:1000:99999}}',
          ...(MODIFICATIONS.has(eventCode) ? { originalReference: '{{id::16}}' } : {}),
          paymentMethod: '{{pick:visa|mc|amex|ideal}}',
          pspReference: '{{id::16}}',
          reason: '',
          success: 'true',
        },
      },
    ],
  };
}

/** Three immediate tries, then 2, 5, 10, 15, 30 min, 1, 2, 4, 8 h, then every 8 hours up to 30 days. */
const FIRST = [0, 0, 2 * MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 8 * HOUR];
const THIRTY_DAYS = 30 * 24 * HOUR;
const RETRIES = [...FIRST];
while (RETRIES.reduce((a, b) => a + b, 0) + 8 * HOUR <= THIRTY_DAYS) RETRIES.push(8 * HOUR);

export const adyen: ProviderDefinition = {
  id: 'adyen',
  name: 'Adyen',
  kind: 'common-scheme',
  description:
    'Adyen standard webhooks: notification items each signed by a base64 HMAC-SHA256 (hex-decoded HMAC key) over eight of its fields joined by ":", carried in additionalData.hmacSignature.',
  source: 'https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures',
  headers: [jsonContentType()],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label:
          'Adyen item HMAC-SHA256 over pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success',
        header: 'body:additionalData.hmacSignature',
        format: { kind: 'plain' },
        digest: 'base64',
        secretEncoding: 'hex',
        bodyFields: {
          items: 'notificationItems',
          item: 'NotificationRequestItem',
          fields: [
            'pspReference',
            'originalReference',
            'merchantAccountCode',
            'merchantReference',
            'amount.value',
            'amount.currency',
            'eventCode',
            'success',
          ],
          separator: ':',
          signaturePath: 'additionalData.hmacSignature',
        },
      }),
    ],
  },
  events: eventsFrom(EVENTS, sample),
  envelope: {
    description: '{ live: "true"|"false", notificationItems: [{ NotificationRequestItem: {...} }] }',
    requiredKeys: ['live', 'notificationItems'],
    timeField: { path: 'notificationItems[0].NotificationRequestItem.eventDate', format: 'iso-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'notificationItems[0].NotificationRequestItem.eventCode' }],
  detection: { headers: [], headersAreGeneric: false },
  ids: {
    conventions: [
      {
        field: 'notificationItems[0].NotificationRequestItem.pspReference',
        pattern: '^[A-Za-z0-9]{16}$',
        description: 'PSP reference: 16 characters.',
      },
    ],
    delivery: { fromPayload: 'notificationItems[0].NotificationRequestItem.pspReference', generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: RETRIES,
    afterFailure:
      'Retries stop after 30 days; the Customer Area lists the webhook as failed, and it can be resent from there.',
  },
  notes: [
    'Scheme: https://docs.adyen.com/development-resources/webhooks/verify-hmac-signatures - each NotificationRequestItem carries additionalData.hmacSignature, the base64 HMAC-SHA256, keyed with the hex-decoded HMAC key, of pspReference, originalReference, merchantAccountCode, merchantReference, amount.value, amount.currency, eventCode and success joined by ":" (an absent field is empty). Proven both ways against @adyen/api-library HmacValidator (validateHMAC, calculateHmac).',
    'The signature is inside the body, so a signed field changed breaks it and an unsigned one (eventDate, reason, paymentMethod) does not; the verifier checks every item and names the first that fails with the exact string it signed.',
    'Detection: Adyen sends no provider header (only Basic auth when configured), so an Adyen webhook is recognised by its envelope and its in-body signature.',
    'Timeout 10 s and retries (https://docs.adyen.com/development-resources/webhooks/#retries... "three times immediately, then after 2, 5, 10, 15, 30 minutes, 1, 2, 4, 8 hours, then every 8 hours for 30 days"); a 2xx answer acknowledges (the old "[accepted]" body is no longer required).',
    'Events: the standard webhook event codes (https://docs.adyen.com/development-resources/webhooks/webhook-types); samples carry one item (Adyen batches up to a few per request).',
  ],
};
