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

export const GOCARDLESS_EVENTS: Record<string, GoCardlessEventType> = {
  'payments.created': { description: 'A payment was created.', origin: 'api', cause: 'payment_created' },
  'payments.customer_approval_granted': {
    description: 'The customer approved the payment.',
    origin: 'customer',
    cause: 'customer_approval_granted',
  },
  'payments.customer_approval_denied': {
    description: 'The customer denied approval for the payment.',
    origin: 'customer',
    cause: 'customer_approval_denied',
  },
  'payments.submitted': {
    description: 'The payment was submitted to the banks.',
    origin: 'gocardless',
    cause: 'payment_submitted',
  },
  'payments.confirmed': {
    description: 'Enough time has passed since submission for the banks to return an error: the payment is confirmed.',
    origin: 'gocardless',
    cause: 'payment_confirmed',
  },
  'payments.chargeback_cancelled': {
    description: "The customer's bank cancelled a chargeback.",
    origin: 'bank',
    cause: 'payment_confirmed',
  },
  'payments.paid_out': {
    description: 'The payment was included in a payout to the creditor.',
    origin: 'gocardless',
    cause: 'payment_paid_out',
  },
  'payments.late_failure_settled': {
    description: 'A late failure of the payment was settled against a payout.',
    origin: 'gocardless',
    cause: 'late_failure_settled',
  },
  'payments.chargeback_settled': {
    description: 'A chargeback of the payment was settled against a payout.',
    origin: 'gocardless',
    cause: 'chargeback_settled',
  },
  'payments.surcharge_fee_debited': {
    description: 'A surcharge fee was charged for the payment.',
    origin: 'gocardless',
    cause: 'surcharge_fee_debited',
  },
  'payments.failed': {
    description: 'The payment could not be collected (insufficient funds, closed account...).',
    origin: 'bank',
    cause: 'refer_to_payer',
    scheme: 'ach',
    reasonCode: 'ACH_RETURN-R01',
  },
  'payments.charged_back': {
    description: 'The customer asked their bank to refund the payment (a chargeback).',
    origin: 'bank',
    cause: 'authorisation_disputed',
    scheme: 'ach',
    reasonCode: 'ACH_RETURN-R05',
  },
  'payments.cancelled': {
    description: 'The payment was cancelled.',
    origin: 'bank',
    cause: 'bank_account_closed',
    scheme: 'ach',
    reasonCode: 'ACH_RETURN-R14',
  },
  'payments.resubmission_requested': {
    description: 'A request to retry the payment was made.',
    origin: 'api',
    cause: 'payment_retried',
  },
  'mandates.created': { description: 'A mandate was created.', origin: 'api', cause: 'mandate_created' },
  'mandates.customer_approval_granted': {
    description: 'The customer approved the mandate.',
    origin: 'customer',
    cause: 'customer_approval_granted',
  },
  'mandates.customer_approval_skipped': {
    description: 'Customer approval of the mandate was skipped.',
    origin: 'customer',
    cause: 'customer_approval_skipped',
  },
  'mandates.submitted': {
    description: 'The mandate was submitted to the banks.',
    origin: 'gocardless',
    cause: 'mandate_submitted',
  },
  'mandates.active': {
    description: "The mandate was set up by the customer's bank.",
    origin: 'gocardless',
    cause: 'mandate_activated',
  },
  'mandates.reinstated': {
    description: 'The mandate became active again after being cancelled or expired.',
    origin: 'gocardless',
    cause: 'mandate_reinstated',
  },
  'mandates.transferred': {
    description: 'The mandate was moved to another bank account.',
    origin: 'bank',
    cause: 'bank_account_transferred',
  },
  'mandates.cancelled': {
    description: 'The mandate was cancelled (by the customer, their bank or the API).',
    origin: 'bank',
    cause: 'bank_account_closed',
    scheme: 'ach',
    reasonCode: 'ACH_RETURN-R14',
  },
  'mandates.failed': {
    description: 'The mandate could not be set up.',
    origin: 'bank',
    cause: 'bank_account_closed',
    scheme: 'ach',
    reasonCode: 'ACH_RETURN-R14',
  },
  'mandates.expired': {
    description: 'No collection was made for over 13 months: the mandate expired.',
    origin: 'gocardless',
    cause: 'mandate_expired',
  },
  'mandates.resubmission_requested': {
    description: 'A request to resubmit the mandate was made (the reinstate endpoint).',
    origin: 'api',
    cause: 'resubmission_requested',
  },
  'mandates.replaced': {
    description: 'The mandate was replaced by a new one (a scheme identifier change).',
    origin: 'gocardless',
    cause: 'scheme_identifier_changed',
  },
  'mandates.consumed': {
    description: 'A single-use mandate was used for its payment.',
    origin: 'gocardless',
    cause: 'mandate_consumed',
  },
  'mandates.blocked': {
    description: 'The mandate was blocked (a block on the customer or bank account).',
    origin: 'gocardless',
    cause: 'mandate_blocked',
  },
  'payouts.paid': { description: 'A payout was sent to the creditor.', origin: 'gocardless', cause: 'payout_paid' },
  'payouts.fx_rate_confirmed': {
    description: 'The exchange rate of a payout in another currency was confirmed.',
    origin: 'gocardless',
    cause: 'payout_fx_rate_confirmed',
  },
  'payouts.tax_exchange_rates_confirmed': {
    description: 'The exchange rates for the tax on the payout fees were confirmed.',
    origin: 'gocardless',
    cause: 'payout_tax_exchange_rates_confirmed',
  },
  'refunds.created': { description: 'A refund was created.', origin: 'api', cause: 'payment_refunded' },
  'refunds.failed': { description: 'The refund could not be paid.', origin: 'gocardless', cause: 'refund_failed' },
  'refunds.paid': { description: 'The refund was paid to the customer.', origin: 'gocardless', cause: 'refund_paid' },
  'refunds.refund_settled': {
    description: 'The refund was deducted from a payout.',
    origin: 'gocardless',
    cause: 'refund_settled',
  },
  'refunds.funds_returned': {
    description: "The refund's funds came back (the customer's account could not take them).",
    origin: 'gocardless',
    cause: 'refund_funds_returned',
  },
  'subscriptions.created': { description: 'A subscription was created.', origin: 'api', cause: 'subscription_created' },
  'subscriptions.customer_approval_granted': {
    description: 'The customer approved the subscription.',
    origin: 'customer',
    cause: 'customer_approval_granted',
  },
  'subscriptions.customer_approval_denied': {
    description: 'The customer denied approval for the subscription.',
    origin: 'customer',
    cause: 'customer_approval_denied',
  },
  'subscriptions.payment_created': {
    description: 'The subscription created a payment.',
    origin: 'gocardless',
    cause: 'payment_created',
  },
  'subscriptions.amended': {
    description: 'The subscription was amended.',
    origin: 'api',
    cause: 'subscription_amended',
  },
  'subscriptions.paused': { description: 'The subscription was paused.', origin: 'api', cause: 'subscription_paused' },
  'subscriptions.resumed': {
    description: 'The subscription was resumed.',
    origin: 'api',
    cause: 'subscription_resumed',
  },
  'subscriptions.scheduled_pause': {
    description: 'A pause of the subscription was scheduled.',
    origin: 'api',
    cause: 'scheduled_pause',
  },
  'subscriptions.scheduled_pause_cancelled': {
    description: 'A scheduled pause of the subscription was cancelled.',
    origin: 'api',
    cause: 'scheduled_pause_cancelled',
  },
  'subscriptions.scheduled_resume': {
    description: 'A resumption of the subscription was scheduled.',
    origin: 'api',
    cause: 'scheduled_resume',
  },
  'subscriptions.cancelled': {
    description: 'The subscription was cancelled.',
    origin: 'bank',
    cause: 'bank_account_closed',
    scheme: 'ach',
    reasonCode: 'ACH_RETURN-R14',
  },
  'subscriptions.finished': {
    description: 'The subscription created all of its payments.',
    origin: 'gocardless',
    cause: 'subscription_finished',
  },
  'instalment_schedules.created': {
    description: 'An instalment schedule was created and its payments with it.',
    origin: 'api',
    cause: 'instalment_schedule_created',
  },
  'instalment_schedules.creation_failed': {
    description: 'The payments of an instalment schedule could not be created.',
    origin: 'api',
    cause: 'instalment_schedule_creation_failed',
  },
  'instalment_schedules.completed': {
    description: 'Every payment of the instalment schedule was collected.',
    origin: 'gocardless',
    cause: 'instalment_schedule_completed',
  },
  'instalment_schedules.cancelled': {
    description: 'The instalment schedule was cancelled.',
    origin: 'api',
    cause: 'instalment_schedule_cancelled',
  },
  'instalment_schedules.errored': {
    description: 'A payment of the instalment schedule failed.',
    origin: 'gocardless',
    cause: 'instalment_schedule_errored',
  },
  'instalment_schedules.resumed': {
    description: 'The instalment schedule was resumed after an error.',
    origin: 'gocardless',
    cause: 'instalment_schedule_resumed',
  },
  'creditors.updated': {
    description: "Something in the creditor's details changed.",
    origin: 'gocardless',
    cause: 'creditor_updated',
  },
  'creditors.new_payout_currency_added': {
    description: 'The creditor can now be paid out in a new currency.',
    origin: 'gocardless',
    cause: 'new_payout_currency_added',
  },
  'creditors.account_auto_frozen': {
    description: "The creditor's account was frozen automatically.",
    origin: 'gocardless',
    cause: 'account_auto_frozen',
  },
  'creditors.account_auto_frozen_reverted': {
    description: "The automatic freeze of the creditor's account was lifted.",
    origin: 'gocardless',
    cause: 'account_auto_frozen_reverted',
  },
  'creditors.bounced_payout': {
    description: "A payout to the creditor's bank account bounced.",
    origin: 'gocardless',
    cause: 'bounced_payout',
  },
  'billing_requests.created': {
    description: 'A billing request was created.',
    origin: 'gocardless',
    cause: 'billing_request_created',
  },
  'billing_requests.flow_created': {
    description: 'A billing request flow was created.',
    origin: 'gocardless',
    cause: 'billing_request_flow_created',
  },
  'billing_requests.flow_visited': {
    description: 'The payer opened the billing request flow.',
    origin: 'payer',
    cause: 'billing_request_flow_visited',
  },
  'billing_requests.flow_exited': {
    description: 'The payer left the billing request flow.',
    origin: 'payer',
    cause: 'billing_request_flow_exited',
  },
  'billing_requests.choose_currency': {
    description: 'The payer chose a currency.',
    origin: 'api',
    cause: 'billing_request_choose_currency',
  },
  'billing_requests.collect_amount': {
    description: 'The amount was collected.',
    origin: 'payer',
    cause: 'billing_request_collect_amount',
  },
  'billing_requests.collect_customer_details': {
    description: "The customer's details were collected.",
    origin: 'api',
    cause: 'billing_request_collect_customer_details',
  },
  'billing_requests.collect_bank_account': {
    description: "The customer's bank account was collected.",
    origin: 'api',
    cause: 'billing_request_collect_bank_account',
  },
  'billing_requests.select_institution': {
    description: 'The payer chose their bank.',
    origin: 'payer',
    cause: 'billing_request_select_institution',
  },
  'billing_requests.bank_authorisation_visited': {
    description: 'The payer opened the bank authorisation.',
    origin: 'payer',
    cause: 'billing_request_bank_authorisation_visited',
  },
  'billing_requests.bank_authorisation_authorised': {
    description: 'The payer authorised the billing request at their bank.',
    origin: 'payer',
    cause: 'billing_request_bank_authorisation_authorised',
  },
  'billing_requests.bank_authorisation_denied': {
    description: 'The payer denied the bank authorisation.',
    origin: 'payer',
    cause: 'billing_request_bank_authorisation_denied',
  },
  'billing_requests.bank_authorisation_expired': {
    description: 'The bank authorisation expired.',
    origin: 'payer',
    cause: 'billing_request_bank_authorisation_expired',
  },
  'billing_requests.bank_authorisation_failed': {
    description: 'The bank authorisation failed.',
    origin: 'payer',
    cause: 'billing_request_bank_authorisation_failed',
  },
  'billing_requests.payer_details_confirmed': {
    description: 'The payer confirmed their details.',
    origin: 'api',
    cause: 'billing_request_payer_details_confirmed',
  },
  'billing_requests.fulfilled': {
    description: 'The billing request was fulfilled: its mandate and/or payment exist.',
    origin: 'gocardless',
    cause: 'billing_request_fulfilled',
  },
  'billing_requests.cancelled': {
    description: 'The billing request was cancelled.',
    origin: 'gocardless',
    cause: 'billing_request_cancelled',
  },
  'billing_requests.failed': {
    description: 'The billing request failed.',
    origin: 'gocardless',
    cause: 'billing_request_failed',
  },
  'billing_requests.payer_geo_blocked': {
    description: 'The payer was blocked because of where they are.',
    origin: 'payer',
    cause: 'payer_geo_blocked',
  },
  'scheme_identifiers.activated': {
    description: 'A scheme identifier (SUN, creditor id...) became active.',
    origin: 'gocardless',
    cause: 'scheme_identifier_activated',
  },
  'payer_authorisations.failed': {
    description: 'A payer authorisation failed: its customer, bank account or mandate could not be created.',
    origin: 'gocardless',
    cause: 'customer_creation_failed',
  },
  'payer_authorisations.completed': {
    description: 'A payer authorisation completed: its customer, bank account and mandate exist.',
    origin: 'gocardless',
    cause: 'payer_authorisation_completed',
  },
  'exports.failed': { description: 'An export failed.', origin: 'gocardless', cause: 'export_failed' },
  'exports.completed': { description: 'An export is ready.', origin: 'gocardless', cause: 'export_completed' },
  'exports.started': { description: 'An export started.', origin: 'gocardless', cause: 'export_started' },
};

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
