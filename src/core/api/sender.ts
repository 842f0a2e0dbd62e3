import type { ApiHandlers } from '../../shared/api';
import type { DeliveryView } from '../../shared/delivery-types';
import { canonicalWarningFor } from '../../shared/canonical-json';
import { assertEventType, buildSample, checkSubscriptionId, firstRegularEvent, providerBody } from '../providers';
import { generateSecret } from '../sender/generate-secret';
import { toWebhookView, type Sender } from '../sender';
import type { AppSurface } from '../app';
import { defaultForm } from '../providers/forms';
import { isAsymmetric, publicKeyForSecret } from '../providers/keys';

type SenderHandlers = Pick<
  ApiHandlers,
  | 'providers.list'
  | 'providers.sample'
  | 'endpoints.bind'
  | 'sender.send'
  | 'sender.setSpeed'
  | 'sender.info'
  | 'sender.check'
  | 'webhooks.list'
  | 'webhooks.setEnabled'
  | 'deliveries.list'
  | 'deliveries.get'
  | 'deliveries.retry'
  | 'deliveries.sendNextNow'
  | 'deliveries.attempt'
>;

function view(sender: Sender, id: number): DeliveryView {
  const detail = sender.getDelivery(id);
  const waiting = detail.attempts.find((a) => a.state === 'scheduled');
  return {
    result: detail.result,
    policy: detail.delivery.policy,
    createdAt: new Date(detail.delivery.createdAt).toISOString(),
    next: waiting
      ? {
          scheduledAt: new Date(waiting.scheduledAt).toISOString(),
          dueAt: new Date(waiting.dueAt).toISOString(),
          heldBy: waiting.heldBy,
          heldUntil: waiting.heldUntil === null ? null : new Date(waiting.heldUntil).toISOString(),
        }
      : null,
    pausedAt: detail.delivery.pausedAt === null ? null : new Date(detail.delivery.pausedAt).toISOString(),
  };
}

/** Providers, endpoint binding and the sender, over the app's one delivery engine. */
export function createSenderHandlers(app: AppSurface): SenderHandlers {
  return {
    'providers.list': () => app.providers.list(),
    'providers.sample': ({ provider, eventType, seed }) => {
      const definition = app.providers.require(provider);
      const event = buildSample(definition, eventType, seed ?? Math.floor(Math.random() * 2 ** 31), {
        nowMs: app.clock.now(),
      });
      // What the provider posts: a batching provider's sample is an array of one event (HubSpot, SendGrid).
      return providerBody(definition, event) as Record<string, unknown> | unknown[];
    },
    'endpoints.bind': ({ slug, provider, secrets, mode }) => {
      if (provider !== undefined)
        app.endpoints.update(slug, { provider: provider === null ? null : app.providers.require(provider).id });
      if (secrets !== undefined) app.secrets.set(slug, secrets, mode ?? 'replace');
      const endpoint = app.endpoints.get(slug);
      return { ...endpoint, secretCount: app.secrets.list(endpoint.id).length };
    },
    'sender.send': ({ provider, eventType, url, payload, secret, timeoutMs, webhookId, seed, form, timestamps }) => {
      const definition = app.providers.require(provider);
      // Bad input fails before a secret is generated.
      if (payload === undefined) assertEventType(definition, eventType);
      if (webhookId !== undefined) checkSubscriptionId(definition, webhookId);
      const generatedSecret = secret === undefined ? generateSecret(definition) : null;
      const started = app.sender().send({
        provider: definition.id,
        eventType,
        url,
        secret: secret ?? (generatedSecret as string),
        payload: payload === undefined ? undefined : new TextEncoder().encode(payload),
        policy: timeoutMs ? { timeoutMs } : undefined,
        webhookId,
        sampleSeed: payload === undefined ? seed : undefined,
        form,
        timestamps,
      });
      const canonical = payload === undefined ? null : canonicalWarningFor(definition, payload);
      const warnings = canonical ? [...started.warnings, canonical.message] : started.warnings;
      const signing = definition.signature.forms.find((f) => f.name === form) ?? defaultForm(definition);
      const publicKey = isAsymmetric(signing.algorithm)
        ? publicKeyForSecret(secret ?? (generatedSecret as string), signing.algorithm)
        : null;
      return {
        deliveryId: started.deliveryId,
        eventId: started.eventId,
        warnings,
        generatedSecret,
        subscriptionId: started.subscriptionId,
        publicKey,
      };
    },
    'sender.setSpeed': ({ speed }) => {
      app.sender().setSpeed(speed);
      return { speed };
    },
    'sender.info': () => ({ speed: app.sender().speed }),
    'sender.check': ({ provider, url, secret, eventType, effectsUrl }) => {
      const definition = app.providers.require(provider);
      return app.sender().check({
        provider: definition.id,
        url,
        secret,
        eventType: eventType ?? firstRegularEvent(definition),
        effectsUrl,
      });
    },
    'webhooks.list': () => app.sender().listWebhooks().map(toWebhookView),
    'webhooks.setEnabled': ({ id, enabled }) => toWebhookView(app.sender().setWebhookEnabled(id, enabled)),
    'deliveries.list': ({ limit, beforeId }) => {
      const sender = app.sender();
      return sender.listDeliveries({ limit: limit ?? 100, beforeId }).map((d) => view(sender, d.id));
    },
    'deliveries.get': ({ id }) => view(app.sender(), id),
    'deliveries.retry': ({ id }) => {
      app.sender().retry(id);
      return { deliveryId: id };
    },
    'deliveries.sendNextNow': ({ id }) => ({ n: app.sender().sendNextNow(id) }),
    'deliveries.attempt': ({ id, n }) => app.sender().attemptResponse(id, n),
  };
}
