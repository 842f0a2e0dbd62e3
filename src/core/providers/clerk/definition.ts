import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  SVIX_RETRY_DELAYS_MS,
  SVIX_TIMEOUT_MS,
  eventsFrom,
  standardWebhooksForm,
  standardWebhooksHeaders,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  'user.created': 'A user signed up or was created.',
  'user.updated': 'A user was updated.',
  'user.deleted': 'A user was deleted.',
  'session.created': 'A session was created (sign-in).',
  'session.ended': 'A session ended.',
  'session.removed': 'A session was removed.',
  'session.revoked': 'A session was revoked.',
  'email.created': 'An email (verification code, invitation...) is to be sent.',
  'sms.created': 'An SMS is to be sent.',
  'organization.created': 'An organization was created.',
  'organization.updated': 'An organization was updated.',
  'organization.deleted': 'An organization was deleted.',
  'organizationMembership.created': 'A user joined an organization.',
  'organizationMembership.updated': "A member's role changed.",
  'organizationMembership.deleted': 'A user left an organization.',
  'organizationInvitation.created': 'An invitation was sent.',
  'organizationInvitation.accepted': 'An invitation was accepted.',
  'organizationInvitation.revoked': 'An invitation was revoked.',
  'role.created': 'A role was created.',
  'permission.created': 'A permission was created.',
};

function data(type: string): JsonObject {
  const [resource] = type.split('.');
  switch (resource) {
    case 'user':
      return type === 'user.deleted'
        ? { id: '{{id:user_:27}}', object: 'user', deleted: true }
        : {
            id: '{{id:user_:27}}',
            object: 'user',
            first_name: 'Ada',
            last_name: 'Lovelace',
            username: null,
            email_addresses: [
              {
                id: '{{id:idn_:27}}',
                object: 'email_address',
                email_address: 'ada@example.com',
                verification: { status: 'verified', strategy: 'email_code' },
              },
            ],
            primary_email_address_id: '{{id:idn_:27}}',
            created_at: '{{time:unix-ms}}',
            updated_at: '{{time:unix-ms}}',
          };
    case 'session':
      return {
        id: '{{id:sess_:27}}',
        object: 'session',
        user_id: '{{id:user_:27}}',
        client_id: '{{id:client_:27}}',
        status: type.split('.')[1] === 'created' ? 'active' : type.split('.')[1],
        created_at: '{{time:unix-ms}}',
        updated_at: '{{time:unix-ms}}',
      };
    case 'email':
      return {
        id: '{{id:ema_:27}}',
        object: 'email',
        slug: 'verification_code',
        to_email_address: 'ada@example.com',
        status: 'queued',
        data: { otp_code: '{{int:100000:999999}}' },
      };
    case 'sms':
      return {
        id: '{{id:sms_:27}}',
        object: 'sms_message',
        to_phone_number: '+15555550100',
        status: 'queued',
        message: 'Your code is 123456',
      };
    case 'organization':
      return {
        id: '{{id:org_:27}}',
        object: 'organization',
        name: 'Acme',
        slug: 'acme',
        created_at: '{{time:unix-ms}}',
        updated_at: '{{time:unix-ms}}',
      };
    case 'organizationMembership':
      return {
        id: '{{id:orgmem_:27}}',
        object: 'organization_membership',
        role: 'org:member',
        organization: { id: '{{id:org_:27}}', name: 'Acme' },
        public_user_data: { user_id: '{{id:user_:27}}' },
        created_at: '{{time:unix-ms}}',
      };
    case 'organizationInvitation':
      return {
        id: '{{id:orginv_:27}}',
        object: 'organization_invitation',
        email_address: 'ada@example.com',
        role: 'org:member',
        organization_id: '{{id:org_:27}}',
        status: type.split('.')[1] === 'created' ? 'pending' : type.split('.')[1],
        created_at: '{{time:unix-ms}}',
      };
    case 'role':
      return {
        id: '{{id:role_:27}}',
        object: 'role',
        key: 'org:billing',
        name: 'Billing',
        created_at: '{{time:unix-ms}}',
      };
    default:
      return {
        id: '{{id:perm_:27}}',
        object: 'permission',
        key: 'org:invoices:read',
        name: 'Read invoices',
        created_at: '{{time:unix-ms}}',
      };
  }
}

export const clerk: ProviderDefinition = {
  id: 'clerk',
  name: 'Clerk',
  kind: 'common-scheme',
  description: 'Clerk authentication events, delivered through Svix (svix-* headers).',
  source: 'https://clerk.com/docs/webhooks/overview',
  headers: standardWebhooksHeaders('svix'),
  signature: { defaultForm: 'default', forms: [standardWebhooksForm('svix')] },
  events: eventsFrom(EVENTS, (type) => ({
    data: data(type),
    event_attributes: { http_request: { client_ip: '192.0.2.1', user_agent: 'Mozilla/5.0' } },
    instance_id: '{{id:ins_:27}}',
    object: 'event',
    timestamp: '{{time:unix-ms}}',
    type: '{{eventType}}',
  })),
  envelope: {
    description: '{ data, event_attributes, instance_id, object: "event", timestamp (unix ms), type }',
    requiredKeys: ['data', 'instance_id', 'object', 'timestamp', 'type'],
    timeField: { path: 'timestamp', format: 'unix-ms' },
  },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['svix-signature', 'svix-id', 'svix-timestamp'], headersAreGeneric: false },
  ids: {
    conventions: [{ field: 'instance_id', prefix: 'ins_', description: 'Clerk instance id.' }],
    delivery: { generate: { style: 'prefixed', prefix: 'msg_' } },
  },
  limits: { httpsRequired: false },
  delivery: {
    timeoutMs: SVIX_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: SVIX_RETRY_DELAYS_MS,
    afterFailure: "Marked failed in Clerk's Svix dashboard; an endpoint failing for 5 days is disabled.",
  },
  notes: [
    'Headers, scheme and secret: https://clerk.com/docs/webhooks/sync-data - Clerk delivers through Svix: svix-id/svix-timestamp/svix-signature, whsec_ secret; its verifyWebhook helper is Standard Webhooks. Proven with the svix and standardwebhooks libraries.',
    'Events: https://clerk.com/docs/webhooks/overview (supported events list); the most used ones are listed here.',
    "timestamp is unix milliseconds (Clerk's example payloads), the moment the event was created, the same on every retry.",
    "Retries and timeout: Svix's published schedule (https://docs.svix.com/retries), as Clerk's docs refer to Svix for delivery.",
  ],
};
