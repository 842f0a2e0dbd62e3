/** Placeholders the Stripe object templates share: the event's moment, a customer id, an amount, a currency. */
export const NOW = '{{time:unix-s}}';
export const CUSTOMER = '{{id:cus_:14}}';
export const AMOUNT = '{{int:500:50000}}';
export const CURRENCY = '{{pick:usd|eur|gbp}}';
