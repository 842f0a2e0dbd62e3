/** Providers: definitions as data, signing, verification with diagnostics, detection, samples, outgoing requests. */
export { BUILTIN_PROVIDERS, COMMON_SCHEME_PROVIDERS, DOCUMENTED_PROVIDERS } from './catalog';
export { createProviderRegistry, type ProviderRegistry } from './registry';
export { loadUserProviders, type LoadOptions, type UserProvidersResult } from './user-loader';
export { signRequest, type SignInput, type SignOutput } from './sign';
export { verifyRequest, type VerifyInput } from './verify';
export { detectProvider, eventTypeOf, type ProviderLookup } from './detect';
export { assertEventType, buildSample, checkSubscriptionId, newSubscriptionId, type SampleOptions } from './samples';
export { createRng, mulberry32, type Rng } from './samples/prng';
export { validatePayload } from './rules';
export {
  buildOutgoingRequest,
  providerBody,
  newDeliveryId,
  encodeOutgoingBody,
  resolveDeliveryId,
  type OutgoingInput,
  type OutgoingRequest,
} from './outgoing';
export { defaultForm, resolveForm } from './forms';
export { headerValues, firstHeader, type HeaderPairs } from './headers';
export { firstRegularEvent, handshakeOf, handshakeTypes } from './handshake';
