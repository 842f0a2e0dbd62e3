/**
 * The built-in providers: one folder each under src/core/providers/<id>/
 * (definition, samples, payload rules, notes), one line each here. The order
 * is the order lists show.
 */
import type { ProviderDefinition } from '../../shared/providers';
import type { CatalogEntry } from './catalog-entry';
import { entry as clickdefender } from './clickdefender';
import { entry as clerk } from './clerk';
import { entry as liveblocks } from './liveblocks';
import { entry as openai } from './openai';
import { entry as paddle } from './paddle';
import { entry as polar } from './polar';
import { entry as replicate } from './replicate';
import { entry as resend } from './resend';
import { entry as sanity } from './sanity';
import { entry as twilio } from './twilio';
import { entry as square } from './square';
import { entry as hubspot } from './hubspot';
import { entry as qstash } from './qstash';
import { entry as vonage } from './vonage';
import { entry as adyen } from './adyen';
import { entry as box } from './box';
import { entry as mailchimpTransactional } from './mailchimp-transactional';
import { entry as svix } from './svix';
import { entry as discord } from './discord';
import { entry as fingerprintiq } from './fingerprintiq';
import { entry as github } from './github';
import { entry as gitlab } from './gitlab';
import { entry as linear } from './linear';
import { entry as lmif } from './lmif';
import { entry as lrdefender } from './lrdefender';
import { entry as prynt } from './prynt';
import { entry as shopify } from './shopify';
import { entry as slack } from './slack';
import { entry as standardWebhooks } from './standard-webhooks';
import { entry as stripe } from './stripe';
import { entry as sentry } from './sentry';
import { entry as vercel } from './vercel';
import { entry as pagerduty } from './pagerduty';
import { entry as typeform } from './typeform';
import { entry as calendly } from './calendly';
import { entry as docusign } from './docusign';
import { entry as bitbucket } from './bitbucket';
import { entry as telegram } from './telegram';
import { entry as checkout } from './checkout';
import { entry as pusher } from './pusher';
import { entry as notion } from './notion';
import { entry as elevenlabs } from './elevenlabs';
import { entry as sendgrid } from './sendgrid';
import { entry as razorpay } from './razorpay';
import { entry as coinbaseCommerce } from './coinbase-commerce';
import { entry as workos } from './workos';
import { entry as mux } from './mux';
import { entry as line } from './line';
import { entry as knock } from './knock';
import { entry as intercom } from './intercom';
import { entry as lemonSqueezy } from './lemon-squeezy';
import { entry as zoom } from './zoom';
import { entry as twitch } from './twitch';
import { entry as asana } from './asana';
import { entry as dropbox } from './dropbox';
import { entry as plaid } from './plaid';
import { entry as inngest } from './inngest';
import { entry as gocardless } from './gocardless';

export const CATALOG: readonly CatalogEntry[] = [
  lrdefender,
  fingerprintiq,
  clickdefender,
  lmif,
  prynt,
  standardWebhooks,
  stripe,
  github,
  shopify,
  slack,
  svix,
  clerk,
  resend,
  polar,
  openai,
  replicate,
  liveblocks,
  discord,
  linear,
  paddle,
  gitlab,
  sanity,
  sentry,
  vercel,
  pagerduty,
  typeform,
  calendly,
  docusign,
  bitbucket,
  telegram,
  checkout,
  pusher,
  notion,
  elevenlabs,
  sendgrid,
  razorpay,
  coinbaseCommerce,
  workos,
  mux,
  line,
  knock,
  intercom,
  lemonSqueezy,
  zoom,
  twitch,
  asana,
  dropbox,
  twilio,
  square,
  hubspot,
  qstash,
  vonage,
  adyen,
  box,
  mailchimpTransactional,
  plaid,
  inngest,
  gocardless,
];

const BY_ID = new Map(CATALOG.map((e) => [e.definition.id, e]));

/** The catalog entry of a built-in provider (undefined for a user's provider). */
export function catalogEntry(provider: ProviderDefinition): CatalogEntry | undefined {
  const entry = BY_ID.get(provider.id);
  return entry && entry.definition.kind === provider.kind ? entry : undefined;
}

export const BUILTIN_PROVIDERS: readonly ProviderDefinition[] = CATALOG.map((e) => e.definition);
export const DOCUMENTED_PROVIDERS: readonly ProviderDefinition[] = BUILTIN_PROVIDERS.filter(
  (p) => p.kind === 'documented',
);
export const COMMON_SCHEME_PROVIDERS: readonly ProviderDefinition[] = BUILTIN_PROVIDERS.filter(
  (p) => p.kind !== 'documented',
);
