import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  UNDOCUMENTED_NOTE,
  UNDOCUMENTED_RETRY_DELAYS_MS,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  hmacForm,
  jsonContentType,
  signatureHeader,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  'deployment.created': 'A deployment was created.',
  'deployment.succeeded': 'A deployment was built and is ready (after its blocking checks passed).',
  'deployment.promoted': 'A deployment was promoted to production, by hand or automatically (not a rollback).',
  'deployment.error': 'A deployment failed.',
  'deployment.canceled': 'A deployment was canceled.',
  'deployment.check-rerequested': 'A user asked for a failed check to be run again.',
  'deployment.integration.action.start': 'An integration action on a deployment started.',
  'deployment.integration.action.cancel': 'An integration action on a deployment was canceled.',
  'deployment.integration.action.cleanup': 'An integration action on a deployment should be cleaned up.',
  'project.created': 'A project was created (sent only when the integration can see every project).',
  'project.removed': 'A project was removed (sent only when the integration can see every project).',
  'domain.created': 'A domain was created.',
  'integration-configuration.removed': 'The integration was removed from a scope.',
  'integration-configuration.permission-upgraded': "The integration's permissions were changed.",
  'integration-configuration.scope-change-confirmed': 'The user confirmed pending scope changes.',
  'integration-resource.project-connected': 'A project was connected to an integration resource.',
  'integration-resource.project-disconnected': 'A project was disconnected from an integration resource.',
};

function payload(type: string): JsonObject {
  const common = { team: { id: '{{id:team_:24}}' }, user: { id: '{{id::24}}' } };
  const [resource] = type.split('.');
  if (resource === 'deployment')
    return {
      ...common,
      deployment: {
        id: '{{id:dpl_:28}}',
        url: 'acme-web-{{id::9}}.vercel.app',
        name: 'acme-web',
        meta: { githubCommitRef: 'main', githubCommitSha: '{{hex:40}}' },
      },
      links: {
        deployment: 'https://vercel.com/acme/acme-web/{{id::28}}',
        project: 'https://vercel.com/acme/acme-web',
      },
      target: '{{pick:production|preview}}',
      project: { id: '{{id:prj_:28}}' },
      plan: 'pro',
      regions: ['iad1'],
    };
  if (resource === 'project') return { ...common, project: { id: '{{id:prj_:28}}', name: 'acme-web' } };
  if (resource === 'domain') return { ...common, domain: { name: 'acme.example.com', delegated: false } };
  if (resource === 'integration-resource')
    return {
      ...common,
      installationId: '{{id:icfg_:24}}',
      resource: { id: '{{id::24}}' },
      project: { id: '{{id:prj_:28}}' },
    };
  return { ...common, configuration: { id: '{{id:icfg_:24}}', projectSelection: 'all', projects: [] } };
}

export const vercel: ProviderDefinition = {
  id: 'vercel',
  name: 'Vercel',
  kind: 'common-scheme',
  description: 'Vercel account and integration webhooks (deployments, projects, domains), hex HMAC-SHA1 of the body.',
  source: 'https://vercel.com/docs/webhooks/webhooks-api',
  headers: [
    jsonContentType(),
    signatureHeader('x-vercel-signature', 'Hex HMAC-SHA1 of the raw body, keyed with the webhook secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        ...hmacForm({
          name: 'default',
          label: 'Vercel hex HMAC-SHA1 of the body',
          header: 'x-vercel-signature',
          format: { kind: 'plain' },
          digest: 'hex',
        }),
        algorithm: 'hmac-sha1',
      },
    ],
  },
  events: eventsFrom(EVENTS, (type) => ({
    id: '{{id::24}}',
    type: '{{eventType}}',
    createdAt: '{{time:unix-ms}}',
    region: '{{pick:iad1|sfo1|fra1}}',
    payload: payload(type),
  })),
  envelope: {
    description: '{ id (the delivery), type, createdAt (unix ms), region, payload }',
    requiredKeys: ['id', 'type', 'createdAt', 'region', 'payload'],
    timeField: { path: 'createdAt', format: 'unix-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['x-vercel-signature'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'payload.deployment.id', prefix: 'dpl_', description: 'Deployment id.' }],
    delivery: { fromPayload: 'id', generate: { style: 'uuid' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure: 'Not documented; the delivery shows as failed in the webhook settings.',
  },
  notes: [
    'Scheme: https://vercel.com/docs/webhooks/webhooks-api (Securing webhooks) - x-vercel-signature is the hex HMAC-SHA1 of the raw body, keyed with the webhook secret (account webhooks) or the integration client secret, as text.',
    'Proven by the documented recipe only: Vercel publishes no npm library with a verify function and no test vector; test/core/providers/oracles/sentry-vercel.test.ts checks both directions against an independent node:crypto computation of that recipe.',
    'Envelope and events: https://vercel.com/docs/webhooks/webhooks-api (Payload, Supported Event Types) - { type, id (the webhook delivery), createdAt (unix ms), region (possibly null), payload }. The list holds the deployment, project, domain and integration events of that page; newer families (marketplace, firewall, flags) are not listed yet. Payloads abridged.',
    'Account webhooks need a Pro or Enterprise team (https://vercel.com/docs/webhooks).',
    UNDOCUMENTED_NOTE,
  ],
};
