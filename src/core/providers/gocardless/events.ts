/**
 * GoCardless's event types, resource_type + action, with the origin and cause
 * of the first "details" row the API reference lists for each
 * (https://developer.gocardless.com/api-reference#event-actions), read from
 * karoo-ca/gocardless-events' schema.json, a cleaned copy of those tables.
 * The resource types are those of gocardless-nodejs's EventResourceType enum
 * that have documented actions. Descriptions are Hookscope's own words.
 */
export interface GoCardlessEventType {
  description: string;
  origin: string;
  cause: string;
  /** For a bank's report: its scheme and reason code (the first the table lists). */
  scheme?: string;
  reasonCode?: string;
}

/** [type, description, origin, cause, scheme, reason code]. */
type Row = [string, string, string, string, string?, string?];

const ROWS: Row[] = [
  ['payments.created', 'A payment was created.', 'api', 'payment_created'],
  ['payments.customer_approval_granted', 'The customer approved the payment.', 'customer', 'customer_approval_granted'],
  [
    'payments.customer_approval_denied',
    'The customer denied approval for the payment.',
    'customer',
    'customer_approval_denied',
  ],
  ['payments.submitted', 'The payment was submitted to the banks.', 'gocardless', 'payment_submitted'],
  [
    'payments.confirmed',
    'Enough time has passed since submission for the banks to return an error: the payment is confirmed.',
    'gocardless',
    'payment_confirmed',
  ],
  ['payments.chargeback_cancelled', "The customer's bank cancelled a chargeback.", 'bank', 'payment_confirmed'],
  ['payments.paid_out', 'The payment was included in a payout to the creditor.', 'gocardless', 'payment_paid_out'],
  [
    'payments.late_failure_settled',
    'A late failure of the payment was settled against a payout.',
    'gocardless',
    'late_failure_settled',
  ],
  [
    'payments.chargeback_settled',
    'A chargeback of the payment was settled against a payout.',
    'gocardless',
    'chargeback_settled',
  ],
  [
    'payments.surcharge_fee_debited',
    'A surcharge fee was charged for the payment.',
    'gocardless',
    'surcharge_fee_debited',
  ],
  [
    'payments.failed',
    'The payment could not be collected (insufficient funds, closed account...).',
    'bank',
    'refer_to_payer',
    'ach',
    'ACH_RETURN-R01',
  ],
  [
    'payments.charged_back',
    'The customer asked their bank to refund the payment (a chargeback).',
    'bank',
    'authorisation_disputed',
    'ach',
    'ACH_RETURN-R05',
  ],
  ['payments.cancelled', 'The payment was cancelled.', 'bank', 'bank_account_closed', 'ach', 'ACH_RETURN-R14'],
  ['payments.resubmission_requested', 'A request to retry the payment was made.', 'api', 'payment_retried'],
  ['mandates.created', 'A mandate was created.', 'api', 'mandate_created'],
  ['mandates.customer_approval_granted', 'The customer approved the mandate.', 'customer', 'customer_approval_granted'],
  [
    'mandates.customer_approval_skipped',
    'Customer approval of the mandate was skipped.',
    'customer',
    'customer_approval_skipped',
  ],
  ['mandates.submitted', 'The mandate was submitted to the banks.', 'gocardless', 'mandate_submitted'],
  ['mandates.active', "The mandate was set up by the customer's bank.", 'gocardless', 'mandate_activated'],
  [
    'mandates.reinstated',
    'The mandate became active again after being cancelled or expired.',
    'gocardless',
    'mandate_reinstated',
  ],
  ['mandates.transferred', 'The mandate was moved to another bank account.', 'bank', 'bank_account_transferred'],
  [
    'mandates.cancelled',
    'The mandate was cancelled (by the customer, their bank or the API).',
    'bank',
    'bank_account_closed',
    'ach',
    'ACH_RETURN-R14',
  ],
  ['mandates.failed', 'The mandate could not be set up.', 'bank', 'bank_account_closed', 'ach', 'ACH_RETURN-R14'],
  [
    'mandates.expired',
    'No collection was made for over 13 months: the mandate expired.',
    'gocardless',
    'mandate_expired',
  ],
  [
    'mandates.resubmission_requested',
    'A request to resubmit the mandate was made (the reinstate endpoint).',
    'api',
    'resubmission_requested',
  ],
  [
    'mandates.replaced',
    'The mandate was replaced by a new one (a scheme identifier change).',
    'gocardless',
    'scheme_identifier_changed',
  ],
  ['mandates.consumed', 'A single-use mandate was used for its payment.', 'gocardless', 'mandate_consumed'],
  [
    'mandates.blocked',
    'The mandate was blocked (a block on the customer or bank account).',
    'gocardless',
    'mandate_blocked',
  ],
  ['payouts.paid', 'A payout was sent to the creditor.', 'gocardless', 'payout_paid'],
  [
    'payouts.fx_rate_confirmed',
    'The exchange rate of a payout in another currency was confirmed.',
    'gocardless',
    'payout_fx_rate_confirmed',
  ],
  [
    'payouts.tax_exchange_rates_confirmed',
    'The exchange rates for the tax on the payout fees were confirmed.',
    'gocardless',
    'payout_tax_exchange_rates_confirmed',
  ],
  ['refunds.created', 'A refund was created.', 'api', 'payment_refunded'],
  ['refunds.failed', 'The refund could not be paid.', 'gocardless', 'refund_failed'],
  ['refunds.paid', 'The refund was paid to the customer.', 'gocardless', 'refund_paid'],
  ['refunds.refund_settled', 'The refund was deducted from a payout.', 'gocardless', 'refund_settled'],
  [
    'refunds.funds_returned',
    "The refund's funds came back (the customer's account could not take them).",
    'gocardless',
    'refund_funds_returned',
  ],
  ['subscriptions.created', 'A subscription was created.', 'api', 'subscription_created'],
  [
    'subscriptions.customer_approval_granted',
    'The customer approved the subscription.',
    'customer',
    'customer_approval_granted',
  ],
  [
    'subscriptions.customer_approval_denied',
    'The customer denied approval for the subscription.',
    'customer',
    'customer_approval_denied',
  ],
  ['subscriptions.payment_created', 'The subscription created a payment.', 'gocardless', 'payment_created'],
  ['subscriptions.amended', 'The subscription was amended.', 'api', 'subscription_amended'],
  ['subscriptions.paused', 'The subscription was paused.', 'api', 'subscription_paused'],
  ['subscriptions.resumed', 'The subscription was resumed.', 'api', 'subscription_resumed'],
  ['subscriptions.scheduled_pause', 'A pause of the subscription was scheduled.', 'api', 'scheduled_pause'],
  [
    'subscriptions.scheduled_pause_cancelled',
    'A scheduled pause of the subscription was cancelled.',
    'api',
    'scheduled_pause_cancelled',
  ],
  ['subscriptions.scheduled_resume', 'A resumption of the subscription was scheduled.', 'api', 'scheduled_resume'],
  [
    'subscriptions.cancelled',
    'The subscription was cancelled.',
    'bank',
    'bank_account_closed',
    'ach',
    'ACH_RETURN-R14',
  ],
  ['subscriptions.finished', 'The subscription created all of its payments.', 'gocardless', 'subscription_finished'],
  [
    'instalment_schedules.created',
    'An instalment schedule was created and its payments with it.',
    'api',
    'instalment_schedule_created',
  ],
  [
    'instalment_schedules.creation_failed',
    'The payments of an instalment schedule could not be created.',
    'api',
    'instalment_schedule_creation_failed',
  ],
  [
    'instalment_schedules.completed',
    'Every payment of the instalment schedule was collected.',
    'gocardless',
    'instalment_schedule_completed',
  ],
  ['instalment_schedules.cancelled', 'The instalment schedule was cancelled.', 'api', 'instalment_schedule_cancelled'],
  [
    'instalment_schedules.errored',
    'A payment of the instalment schedule failed.',
    'gocardless',
    'instalment_schedule_errored',
  ],
  [
    'instalment_schedules.resumed',
    'The instalment schedule was resumed after an error.',
    'gocardless',
    'instalment_schedule_resumed',
  ],
  ['creditors.updated', "Something in the creditor's details changed.", 'gocardless', 'creditor_updated'],
  [
    'creditors.new_payout_currency_added',
    'The creditor can now be paid out in a new currency.',
    'gocardless',
    'new_payout_currency_added',
  ],
  [
    'creditors.account_auto_frozen',
    "The creditor's account was frozen automatically.",
    'gocardless',
    'account_auto_frozen',
  ],
  [
    'creditors.account_auto_frozen_reverted',
    "The automatic freeze of the creditor's account was lifted.",
    'gocardless',
    'account_auto_frozen_reverted',
  ],
  ['creditors.bounced_payout', "A payout to the creditor's bank account bounced.", 'gocardless', 'bounced_payout'],
  ['billing_requests.created', 'A billing request was created.', 'gocardless', 'billing_request_created'],
  [
    'billing_requests.flow_created',
    'A billing request flow was created.',
    'gocardless',
    'billing_request_flow_created',
  ],
  [
    'billing_requests.flow_visited',
    'The payer opened the billing request flow.',
    'payer',
    'billing_request_flow_visited',
  ],
  ['billing_requests.flow_exited', 'The payer left the billing request flow.', 'payer', 'billing_request_flow_exited'],
  ['billing_requests.choose_currency', 'The payer chose a currency.', 'api', 'billing_request_choose_currency'],
  ['billing_requests.collect_amount', 'The amount was collected.', 'payer', 'billing_request_collect_amount'],
  [
    'billing_requests.collect_customer_details',
    "The customer's details were collected.",
    'api',
    'billing_request_collect_customer_details',
  ],
  [
    'billing_requests.collect_bank_account',
    "The customer's bank account was collected.",
    'api',
    'billing_request_collect_bank_account',
  ],
  ['billing_requests.select_institution', 'The payer chose their bank.', 'payer', 'billing_request_select_institution'],
  [
    'billing_requests.bank_authorisation_visited',
    'The payer opened the bank authorisation.',
    'payer',
    'billing_request_bank_authorisation_visited',
  ],
  [
    'billing_requests.bank_authorisation_authorised',
    'The payer authorised the billing request at their bank.',
    'payer',
    'billing_request_bank_authorisation_authorised',
  ],
  [
    'billing_requests.bank_authorisation_denied',
    'The payer denied the bank authorisation.',
    'payer',
    'billing_request_bank_authorisation_denied',
  ],
  [
    'billing_requests.bank_authorisation_expired',
    'The bank authorisation expired.',
    'payer',
    'billing_request_bank_authorisation_expired',
  ],
  [
    'billing_requests.bank_authorisation_failed',
    'The bank authorisation failed.',
    'payer',
    'billing_request_bank_authorisation_failed',
  ],
  [
    'billing_requests.payer_details_confirmed',
    'The payer confirmed their details.',
    'api',
    'billing_request_payer_details_confirmed',
  ],
  [
    'billing_requests.fulfilled',
    'The billing request was fulfilled: its mandate and/or payment exist.',
    'gocardless',
    'billing_request_fulfilled',
  ],
  ['billing_requests.cancelled', 'The billing request was cancelled.', 'gocardless', 'billing_request_cancelled'],
  ['billing_requests.failed', 'The billing request failed.', 'gocardless', 'billing_request_failed'],
  [
    'billing_requests.payer_geo_blocked',
    'The payer was blocked because of where they are.',
    'payer',
    'payer_geo_blocked',
  ],
  [
    'scheme_identifiers.activated',
    'A scheme identifier (SUN, creditor id...) became active.',
    'gocardless',
    'scheme_identifier_activated',
  ],
  [
    'payer_authorisations.failed',
    'A payer authorisation failed: its customer, bank account or mandate could not be created.',
    'gocardless',
    'customer_creation_failed',
  ],
  [
    'payer_authorisations.completed',
    'A payer authorisation completed: its customer, bank account and mandate exist.',
    'gocardless',
    'payer_authorisation_completed',
  ],
  ['exports.failed', 'An export failed.', 'gocardless', 'export_failed'],
  ['exports.completed', 'An export is ready.', 'gocardless', 'export_completed'],
  ['exports.started', 'An export started.', 'gocardless', 'export_started'],
];

export const GOCARDLESS_EVENTS: Record<string, GoCardlessEventType> = Object.fromEntries(
  ROWS.map(([type, description, origin, cause, scheme, reasonCode]) => [
    type,
    { description, origin, cause, ...(scheme ? { scheme, reasonCode } : {}) },
  ]),
);

/** The `links` key and id prefix of each resource type's own object. */
export const RESOURCE_LINKS: Record<string, { link: string; prefix: string }> = {
  payments: { link: 'payment', prefix: 'PM' },
  mandates: { link: 'mandate', prefix: 'MD' },
  payouts: { link: 'payout', prefix: 'PO' },
  refunds: { link: 'refund', prefix: 'RF' },
  subscriptions: { link: 'subscription', prefix: 'SB' },
  instalment_schedules: { link: 'instalment_schedule', prefix: 'IS' },
  creditors: { link: 'creditor', prefix: 'CR' },
  billing_requests: { link: 'billing_request', prefix: 'BRQ' },
  scheme_identifiers: { link: 'scheme_identifier', prefix: 'SU' },
  payer_authorisations: { link: 'payer_authorisation', prefix: 'PAU' },
};
