import { randomInt } from 'node:crypto';
import {
  buildOutgoingRequest,
  buildSample,
  checkSubscriptionId,
  createProviderRegistry,
  createRng,
  encodeOutgoingBody,
  newSubscriptionId,
  resolveDeliveryId,
  resolveForm,
  validatePayload,
  type ProviderRegistry,
} from '../providers';
import { firstHeader } from '../providers/headers';
import type { DeliveryAdapter } from './adapter';

export interface GlueOptions {
  /** Default: the built-in providers (pass one with the user's providers loaded). */
  registry?: ProviderRegistry;
  /**
   * Which time goes into signatures when a delivery does not say (each
   * delivery stores its own choice). 'real' (default): the clock's now, which
   * is what a handler compares a timestamp with, so sped-up retries still pass
   * a 300 s tolerance. 'provider': the ladder's provider time, to see what a
   * handler does with a timestamp from the simulated future.
   */
  timestamps?: 'real' | 'provider';
  /** Seed for a sample payload when send() gets none; random by default. */
  sampleSeed?: () => number;
}

/**
 * The delivery adapter over the provider registry. The body is built once
 * (the caller's payload, or the provider's sample for the event type) and
 * every attempt passes those exact bytes back to buildOutgoingRequest, which
 * only signs them afresh: same body, same delivery id, new timestamp.
 */
export function createRegistryAdapter(options: GlueOptions = {}): DeliveryAdapter {
  const registry = options.registry ?? createProviderRegistry();
  const timestamps = options.timestamps ?? 'real';
  const seed = options.sampleSeed ?? (() => randomInt(2 ** 31));
  return {
    timestamps,
    policy: (id) => {
      const delivery = registry.require(id).delivery;
      return { ...delivery, retryDelaysMs: [...delivery.retryDelaysMs] };
    },
    limits: (id) => ({ ...registry.require(id).limits }),
    createBody(id, eventType, payload, nowMs, sample = {}) {
      const provider = registry.require(id);
      const event =
        payload === undefined
          ? buildSample(provider, eventType, sample.seed ?? seed(), {
              nowMs,
              webhookId: sample.subscriptionId ?? undefined,
            })
          : payload;
      const body = encodeOutgoingBody(provider, event);
      return { body, eventId: resolveDeliveryId(provider, body) };
    },
    subscriptionId(id, requested) {
      const provider = registry.require(id);
      return requested === undefined
        ? newSubscriptionId(provider, createRng(seed()))
        : checkSubscriptionId(provider, requested);
    },
    prepare(input) {
      const provider = registry.require(input.providerId);
      const form = resolveForm(provider, input.form ?? undefined);
      const at = (input.timestamps ?? timestamps) === 'provider' ? input.providerNowMs : input.realNowMs;
      const timestampSec = Math.floor(at / 1000);
      const request = buildOutgoingRequest(provider, {
        eventType: input.eventType,
        payload: input.body,
        secret: input.secret,
        timestampSec,
        deliveryId: input.eventId ?? undefined,
        form: form.name,
        url: input.url,
      });
      const signsTime = form.signedContent.template.includes('{timestamp}') || form.timestamp !== undefined;
      return {
        ...request,
        signedTimestamp: signsTime ? timestampSec : null,
        signature: firstHeader(request.headers, form.header) ?? null,
      };
    },
    assertForm(id, form) {
      resolveForm(registry.require(id), form);
    },
    toleranceSeconds(id, form) {
      return resolveForm(registry.require(id), form).toleranceSeconds;
    },
    forms(id) {
      const signature = registry.require(id).signature;
      const names = signature.forms.map((f) => f.name);
      return [signature.defaultForm, ...names.filter((n) => n !== signature.defaultForm)];
    },
    idFields(id) {
      const provider = registry.require(id);
      // The subscription an event came through (webhookId, property.id) is the same for every event: not varied.
      const fields = provider.ids.conventions.map((c) => c.field).filter((f) => !/webhook|property/i.test(f));
      const fromPayload = provider.ids.delivery.fromPayload;
      return fromPayload && !fields.includes(fromPayload) ? [fromPayload, ...fields] : fields;
    },
    problems: (id, eventType, event) => validatePayload(registry.require(id), eventType, event),
  };
}
