import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  MINUTE,
  UNDOCUMENTED_TIMEOUT_MS,
  eventsFrom,
  hmacForm,
  jsonContentType,
  signatureHeader,
} from '../definition-parts';
import { WORKOS_EVENTS } from './events';

const times = { created_at: '{{time:iso-ms}}', updated_at: '{{time:iso-ms}}' };
const user = (): JsonObject => ({
  object: 'user',
  id: '{{id:user_:26}}',
  email: 'ada@example.com',
  email_verified: true,
  first_name: 'Ada',
  last_name: 'Lovelace',
  profile_picture_url: null,
  last_sign_in_at: '{{time:iso-ms}}',
  locale: null,
  external_id: null,
  metadata: {},
  ...times,
});
const directoryUser = (): JsonObject => ({
  object: 'directory_user',
  id: '{{id:directory_user_:26}}',
  directory_id: '{{id:directory_:26}}',
  organization_id: '{{id:org_:26}}',
  idp_id: '{{int:100000:999999}}',
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  state: 'active',
  raw_attributes: {},
  custom_attributes: { department: 'Engineering' },
  ...times,
});
const directoryGroup = (): JsonObject => ({
  object: 'directory_group',
  id: '{{id:directory_group_:26}}',
  idp_id: '{{int:100000:999999}}',
  directory_id: '{{id:directory_:26}}',
  organization_id: '{{id:org_:26}}',
  name: 'Engineering',
  raw_attributes: {},
  ...times,
});

function data(type: string): JsonObject {
  const resource = type.slice(0, type.lastIndexOf('.'));
  const action = type.slice(type.lastIndexOf('.') + 1);
  if (resource === 'user') return user();
  if (resource === 'organization')
    return {
      object: 'organization',
      id: '{{id:org_:26}}',
      name: 'Acme Corp',
      allow_profiles_outside_organization: false,
      domains: [
        { object: 'organization_domain', id: '{{id:org_domain_:26}}', domain: 'acme.example', state: 'verified' },
      ],
      external_id: null,
      metadata: {},
      ...times,
    };
  if (resource === 'connection')
    return {
      object: 'connection',
      id: '{{id:conn_:26}}',
      organization_id: '{{id:org_:26}}',
      connection_type: 'OktaSAML',
      name: 'Acme Okta',
      state: action === 'activated' ? 'active' : 'inactive',
      domains: [{ object: 'connection_domain', id: '{{id:conn_domain_:26}}', domain: 'acme.example' }],
      ...times,
    };
  if (resource === 'dsync')
    return {
      object: 'directory',
      id: '{{id:directory_:26}}',
      external_key: '{{id::16}}',
      type: 'okta scim v2.0',
      state: action === 'activated' ? 'active' : 'deleting',
      name: 'Acme Okta directory',
      organization_id: '{{id:org_:26}}',
      domains: [],
      ...times,
    };
  if (resource === 'dsync.user') return directoryUser();
  if (resource === 'dsync.group' && action.startsWith('user_'))
    return { directory_id: '{{id:directory_:26}}', user: directoryUser(), group: directoryGroup() };
  if (resource === 'dsync.group') return directoryGroup();
  if (resource === 'organization_membership')
    return {
      object: 'organization_membership',
      id: '{{id:om_:26}}',
      user_id: '{{id:user_:26}}',
      organization_id: '{{id:org_:26}}',
      status: action === 'deleted' ? 'inactive' : 'active',
      role: { slug: 'member' },
      ...times,
    };
  if (resource === 'session')
    return {
      object: 'session',
      id: '{{id:session_:26}}',
      user_id: '{{id:user_:26}}',
      organization_id: '{{id:org_:26}}',
      ip_address: '198.51.100.7',
      user_agent: 'Mozilla/5.0',
      auth_method: 'password',
      status: action === 'revoked' ? 'revoked' : 'active',
      expires_at: '{{time:iso-ms}}',
      ended_at: null,
      ...times,
    };
  if (resource === 'authentication') {
    const [, method, outcome] = /^(.+?)_(succeeded|failed|started|timed_out|detected)$/.exec(action) ?? [
      '',
      action,
      '',
    ];
    return {
      type: method,
      status: outcome,
      user_id: '{{id:user_:26}}',
      email: 'ada@example.com',
      ip_address: '198.51.100.7',
      user_agent: 'Mozilla/5.0',
      ...(outcome === 'failed' ? { error: { code: `${method}_failed`, message: 'Authentication failed.' } } : {}),
    };
  }
  return { object: resource.replace(/\./g, '_'), id: '{{id::26}}', ...times };
}

export const workos: ProviderDefinition = {
  id: 'workos',
  name: 'WorkOS',
  kind: 'common-scheme',
  description:
    'WorkOS events (SSO, Directory Sync, AuthKit...): WorkOS-Signature t=<unix ms>, v1=<hex> over "<t>.<body>".',
  source: 'https://workos.com/docs/events/data-syncing/webhooks',
  headers: [
    jsonContentType(),
    signatureHeader('WorkOS-Signature', 't=<unix ms>, v1=<hex HMAC-SHA256 of "<t>.<body>">.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'WorkOS t=<unix ms>,v1=<hex> over "<t>.<body>"',
        header: 'WorkOS-Signature',
        format: { kind: 'kv', timestampKey: 't', signatureKey: 'v1' },
        digest: 'hex',
        signedContent: { template: '{timestamp}.{body}', bodyForms: ['raw', 're-serialized'] },
        timestamp: { in: 'signature' },
        timestampUnit: 'ms',
        toleranceSeconds: 180,
      }),
    ],
  },
  events: eventsFrom(WORKOS_EVENTS, (type) => ({
    id: '{{id:event_:26}}',
    event: '{{eventType}}',
    data: data(type),
    created_at: '{{time:iso-ms}}',
  })),
  envelope: {
    description: '{ id (event_...), event, data, created_at (ISO 8601) }, and sometimes context',
    requiredKeys: ['id', 'event', 'data', 'created_at'],
    timeField: { path: 'created_at', format: 'iso-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'event' }],
  detection: { headers: ['WorkOS-Signature'], headersAreGeneric: false },
  ids: {
    conventions: [
      { field: 'id', prefix: 'event_', description: 'Event id: the idempotency key, the same on every retry.' },
    ],
    delivery: { fromPayload: 'id', generate: { style: 'prefixed', prefix: 'event_' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    // "Up to 12 times, with exponential backoff over 3 days": doubling from 1 minute reaches 2,048 minutes (about 68 h) at the 12th.
    retryDelaysMs: Array.from({ length: 12 }, (_, i) => 2 ** i * MINUTE),
    afterFailure:
      'Considered failed after 3 days and not retried again (non-production environments retry for a few minutes only); reconcile with the Events API or the Directory Sync endpoints.',
  },
  notes: [
    'Scheme: https://workos.com/docs/events/data-syncing/webhooks - WorkOS-Signature "t=<issued timestamp>, v1=<signature hash>", the hex HMAC-SHA256 of "<t>.<body>" keyed with the webhook secret. The timestamp is in milliseconds. Proven against @workos-inc/node (webhooks.verifyHeader, webhooks.constructEvent), whose default tolerance is 180,000 ms: the form\'s 180 s.',
    'WorkOS writes a space after the comma; Hookscope sends "t=..,v1=.." without it (both parse the same; the SDK splits on "," and "=").',
    "Body forms: WorkOS's own Express example parses the body with express.json() and hands the object to constructEvent, which verifies JSON.stringify of it; so the verifier accepts the raw body and its re-serialization, and says which matched.",
    'Retries: the same page - answer 200 OK, otherwise "retry up to 12 times, with exponential backoff over 3 days"; https://workos.com/docs/webhooks/out-of-sequence-events says any 2xx counts and non-production environments retry for a few minutes only. The steps are not published: 1, 2, 4 ... 2,048 minutes here. Timeout: not documented; the sender uses the visible 30 s default.',
    'Events: the event names of the Event union in @workos-inc/node 12.3.0 (lib/factory-*.d.cts), which the Events API and webhooks share; https://workos.com/docs/events groups them by product. Descriptions are written from the names; samples carry the documented object for users, organizations, connections, directories, directory users and groups, memberships, sessions and authentication events, and { object, id, created_at, updated_at } for the rest.',
    'Ids are ULIDs behind a prefix (event_01H..., user_01H...); samples use the same prefixes with 26 base-62 characters.',
  ],
};
