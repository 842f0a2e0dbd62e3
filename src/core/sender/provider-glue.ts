import { randomInt } from 'node:crypto';
import {
  buildOutgoingRequest,
  buildSample,
  checkSubscriptionId,
  createProviderRegistry,
  createRng,
  encodeOutgoingBody,
  newSubscriptionId,
  newDeliveryId,
  resolveDeliveryId,
  resolveForm,
  validatePayload,
  type ProviderRegistry,
} from '../providers';
import { firstHeader } from '../providers/headers';
import {
  buildHandshakeRequest,
  firstRegularEvent,
  handshakeOf,
  handshakeQuery,
  withQuery,
} from '../providers/handshake';
import type { ProviderDefinition } from '../../shared/providers';
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
/** A path in the event as a path in the posted body: under the batch array's first event (GoCardless `events[0].`), else as is. */
function inBatch(provider: ProviderDefinition, path: string): string {
  return provider.envelope.batchPath ? `${provider.envelope.batchPath}[0].${path}` : path;
}

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
      // The payload's own id where the provider puts one there (Prynt's eventId), else a new one for this delivery.
      return { body, eventId: resolveDeliveryId(provider, body, newDeliveryId(provider, createRng(seed()))) };
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
      const handshake = handshakeOf(provider, input.eventType);
      const signsTime = form.signedContent.template.includes('{timestamp}') || form.timestamp !== undefined;
      if (handshake) {
        const hs = buildHandshakeRequest(provider, handshake, {
          eventType: input.eventType,
          payload: input.body,
          secret: input.secret,
          timestampSec,
          deliveryId: input.eventId ?? undefined,
          form: form.name,
        });
        const signed = handshake.request.signed;
        return {
          method: hs.method,
          headers: hs.headers,
          body: hs.body,
          signedTimestamp: signed && signsTime ? timestampSec : null,
          signature: signed ? (firstHeader(hs.headers, form.header) ?? null) : null,
          handshake: hs.expect,
        };
      }
      const request = buildOutgoingRequest(provider, {
        eventType: input.eventType,
        payload: input.body,
        secret: input.secret,
        timestampSec,
        deliveryId: input.eventId ?? undefined,
        form: form.name,
        attempt: input.attempt,
        previousError: input.previousError,
        url: input.url,
      });
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
      const all = fromPayload && !fields.includes(fromPayload) ? [fromPayload, ...fields] : fields;
      return all.map((f) => inBatch(provider, f));
    },
    typeFields: (id) => {
      const provider = registry.require(id);
      return provider.eventTypeLocations.flatMap((l) =>
        l.in === 'body' && !l.names && !l.actionPath ? [inBatch(provider, l.path)] : [],
      );
    },
    typePairs: (id) => {
      const provider = registry.require(id);
      return provider.eventTypeLocations.flatMap((l) =>
        l.in === 'body' && l.actionPath
          ? [{ path: inBatch(provider, l.path), actionPath: inBatch(provider, l.actionPath) }]
          : [],
      );
    },
    handshakes(id) {
      const provider = registry.require(id);
      return {
        handshakes: provider.events.flatMap((e) =>
          e.handshake
            ? [
                {
                  eventType: e.type,
                  timeoutMs: e.handshake.answer.timeoutMs,
                  afterFailure: e.handshake.answer.afterFailure,
                },
              ]
            : [],
        ),
        firstRegularEvent: firstRegularEvent(provider),
      };
    },
    handshakeUrl(id, eventType, url, body) {
      const provider = registry.require(id);
      const handshake = handshakeOf(provider, eventType);
      if (!handshake || Object.keys(handshake.request.query).length === 0) return url;
      // The query carries values of the sample (a query from the secret would leak it into URLs and logs).
      return withQuery(url, handshakeQuery(handshake, body, ''));
    },
    problems: (id, eventType, event) => validatePayload(registry.require(id), eventType, event),
  };
}
