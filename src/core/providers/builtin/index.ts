import type { ProviderDefinition } from '../../../shared/providers';
import { clickdefender } from './clickdefender';
import { fingerprintiq } from './fingerprintiq';
import { github } from './github';
import { lmif } from './lmif';
import { lrdefender } from './lrdefender';
import { prynt } from './prynt';
import { shopify } from './shopify';
import { slack } from './slack';
import { standardWebhooks } from './standard-webhooks';
import { stripe } from './stripe';

export const DOCUMENTED_PROVIDERS: readonly ProviderDefinition[] = [lrdefender, fingerprintiq, clickdefender, lmif, prynt];
export const COMMON_SCHEME_PROVIDERS: readonly ProviderDefinition[] = [standardWebhooks, stripe, github, shopify, slack];
export const BUILTIN_PROVIDERS: readonly ProviderDefinition[] = [...DOCUMENTED_PROVIDERS, ...COMMON_SCHEME_PROVIDERS];

export { clickdefender, fingerprintiq, github, lmif, lrdefender, prynt, shopify, slack, standardWebhooks, stripe };
