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

/** The topics of https://developers.intercom.com/docs/references/webhooks/webhook-models, with the object each carries. */
const TOPICS: Record<string, string> = {
  'admin.added_to_workspace': 'An admin was added to the workspace.',
  'admin.away_mode_updated': "An admin's away mode changed.",
  'admin.activity_log_event.created': 'An admin activity log entry was created.',
  'admin.removed_from_workspace': 'An admin was removed from the workspace.',
  'admin.logged_in': 'An admin logged in.',
  'admin.logged_out': 'An admin logged out, or their SSO session expired.',
  'article.created': 'A Help Center article was created.',
  'article.updated': 'An article was updated.',
  'article.published': 'An article was published.',
  'article.unpublished': 'An article was unpublished.',
  'article.deleted': 'An article was deleted.',
  'call.started': 'A call started.',
  'call.ended': 'A call ended.',
  'call.transcription_available': "A call's transcription is ready.",
  'call.recording_available': "A call's recording is ready.",
  'company.created': 'A company was created.',
  'company.updated': 'A company was updated.',
  'company.deleted': 'A company was deleted.',
  'company.contact.attached': 'A contact was attached to a company.',
  'company.contact.detached': 'A contact was detached from a company.',
  'contact.archived': 'A contact was archived.',
  'contact.unarchive': 'A contact was unarchived.',
  'contact.deleted': 'A contact was deleted.',
  'contact.merged': 'Two contacts were merged.',
  'contact.email.updated': "A contact's email changed.",
  'contact.subscribed': 'A contact subscribed to emails again.',
  'contact.unsubscribed': 'A contact unsubscribed from emails.',
  'contact.lead.created': 'A lead was created.',
  'contact.lead.updated': 'A lead was updated.',
  'contact.lead.signed_up': 'A lead signed up (became a user).',
  'contact.lead.added_email': 'A lead added an email address.',
  'contact.lead.tag.created': 'A lead was tagged.',
  'contact.lead.tag.deleted': 'A tag was removed from a lead.',
  'contact.user.created': 'A user was created.',
  'contact.user.updated': 'A user was updated.',
  'contact.user.tag.created': 'A user was tagged.',
  'contact.user.tag.deleted': 'A tag was removed from a user.',
  'conversation.user.created': 'A contact started a conversation.',
  'conversation.user.replied': 'A contact replied in a conversation.',
  'conversation.admin.replied': 'An admin replied in a conversation.',
  'conversation.admin.single.created': 'An admin started a one-to-one conversation.',
  'conversation.admin.assigned': 'A conversation was assigned to an admin.',
  'conversation.admin.open.assigned': 'An open conversation was assigned.',
  'conversation.admin.noted': 'An admin added a note to a conversation.',
  'conversation.admin.closed': 'An admin closed a conversation.',
  'conversation.admin.opened': 'An admin opened a conversation.',
  'conversation.admin.snoozed': 'An admin snoozed a conversation.',
  'conversation.admin.unsnoozed': 'A conversation was unsnoozed.',
  'conversation.operator.replied': 'The Operator bot replied in a conversation.',
  'conversation.priority.updated': "A conversation's priority changed.",
  'conversation.rating.added': 'A contact rated a conversation.',
  'conversation.read': 'A conversation was read.',
  'conversation.deleted': 'A conversation was deleted.',
  'conversation.contact.attached': 'A contact was added to a conversation.',
  'conversation.contact.detached': 'A contact was removed from a conversation.',
  'conversation.company.updated': "A conversation's company changed.",
  'conversation_part.redacted': 'A conversation part was redacted.',
  'conversation_part.tag.created': 'A conversation part was tagged.',
  'content_stat.banner': 'A banner was seen, clicked, dismissed...',
  'content_stat.carousel': 'A carousel was seen, completed...',
  'content_stat.chat': 'A chat was seen, replied to...',
  'content_stat.checklist': 'A checklist was seen, completed...',
  'content_stat.custom_bot': 'A custom bot was seen, completed...',
  'content_stat.email': 'An email was sent, opened, clicked...',
  'content_stat.news_item': 'A news item was seen, reacted to...',
  'content_stat.post': 'A post was seen, replied to...',
  'content_stat.push': 'A push notification was sent, opened...',
  'content_stat.series': 'A contact entered, completed or exited a series.',
  'content_stat.series.webhook': 'A series webhook step ran.',
  'content_stat.sms': 'An SMS was sent, replied to...',
  'content_stat.survey': 'A survey was seen, completed...',
  'content_stat.tooltip_group': 'A tooltip group was seen.',
  'content_stat.tour': 'A product tour was seen, completed...',
  'event.created': 'A data event was tracked for a contact.',
  'api.request.completed': 'An API request of the workspace completed.',
  'job.completed': 'An import or export job completed.',
  'granular.subscribe': 'A contact subscribed to a subscription type.',
  'granular.unsubscribe': 'A contact unsubscribed from a subscription type.',
  'ticket.created': 'A ticket was created.',
  'ticket.state.updated': "A ticket's state changed.",
  'ticket.note.created': 'A note was added to a ticket.',
  'ticket.admin.assigned': 'A ticket was assigned to an admin.',
  'ticket.team.assigned': 'A ticket was assigned to a team.',
  'ticket.contact.attached': 'A contact was attached to a ticket.',
  'ticket.contact.detached': 'A contact was detached from a ticket.',
  'ticket.attribute.updated': "A ticket's attribute changed.",
  'ticket.admin.replied': 'An admin replied on a ticket.',
  'ticket.contact.replied': 'A contact replied on a ticket.',
  'ticket.closed': 'A ticket was closed.',
  'ticket.resolved': 'A ticket was resolved.',
  'ticket.rating.provided': 'A contact rated a ticket.',
  'visitor.signed_up': 'A visitor signed up.',
  'data_connector.execution.completed': 'A data connector run completed.',
  ping: 'Sent when the webhook is saved or tested in the Developer Hub; answer 2xx.',
};

const times = { created_at: '{{time:unix-s}}', updated_at: '{{time:unix-s}}' };
const contact = (role: string): JsonObject => ({
  type: 'contact',
  id: '{{hex:24}}',
  workspace_id: 'a86dr8yl',
  external_id: '{{int:1:99999}}',
  role,
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  ...times,
});

function item(topic: string): JsonObject {
  const resource = topic.split('.')[0];
  if (topic === 'ping') return { type: 'ping', message: 'something something interzen' };
  if (resource === 'conversation' || resource === 'conversation_part')
    return {
      type: 'conversation',
      id: '1{{int:10000000:99999999}}',
      state: topic.endsWith('closed') ? 'closed' : topic.endsWith('snoozed') ? 'snoozed' : 'open',
      open: !topic.endsWith('closed'),
      read: topic === 'conversation.read',
      priority: 'not_priority',
      admin_assignee_id: '{{int:1000000:9999999}}',
      team_assignee_id: null,
      source: {
        type: 'conversation',
        id: '1{{int:10000000:99999999}}',
        delivered_as: 'customer_initiated',
        body: '<p>Hi, my order has not arrived.</p>',
        author: { type: 'user', id: '{{hex:24}}', name: 'Ada Lovelace', email: 'ada@example.com' },
      },
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: '{{hex:24}}', external_id: '25' }] },
      conversation_parts: { type: 'conversation_part.list', conversation_parts: [], total_count: 0 },
      ...times,
    };
  if (resource === 'contact' || resource === 'visitor' || resource === 'granular')
    return contact(topic.includes('lead') ? 'lead' : 'user');
  if (resource === 'company')
    return { type: 'company', id: '{{hex:24}}', company_id: 'acme-{{int:1:999}}', name: 'Acme', ...times };
  if (resource === 'ticket')
    return {
      type: 'ticket',
      id: '{{int:1:99999}}',
      ticket_id: '{{int:1:9999}}',
      ticket_state: {
        type: 'ticket_state',
        category: topic.endsWith('closed') || topic.endsWith('resolved') ? 'resolved' : 'submitted',
      },
      ticket_type: { type: 'ticket_type', name: 'Bug report' },
      open: !(topic.endsWith('closed') || topic.endsWith('resolved')),
      contacts: { type: 'contact.list', contacts: [{ type: 'contact', id: '{{hex:24}}' }] },
      ...times,
    };
  if (resource === 'admin')
    return {
      type: 'admin',
      id: '{{int:1000000:9999999}}',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      away_mode_enabled: false,
    };
  if (resource === 'article')
    return {
      type: 'article',
      id: '{{int:1000000:9999999}}',
      title: 'How to track an order',
      state: topic.endsWith('unpublished') ? 'draft' : 'published',
      ...times,
    };
  return { type: resource, id: '{{int:1000000:9999999}}', ...times };
}

export const intercom: ProviderDefinition = {
  id: 'intercom',
  name: 'Intercom',
  kind: 'common-scheme',
  description:
    "Intercom webhook topics: X-Hub-Signature sha1=<hex HMAC-SHA1 of the body> keyed with the app's client secret.",
  source: 'https://developers.intercom.com/docs/webhooks/setting-up-webhooks',
  headers: [
    jsonContentType(),
    {
      name: 'User-Agent',
      description: "Intercom's webhook client.",
      value: { kind: 'static', value: 'intercom-parrot-service-client/1.0' },
    },
    { name: 'Accept', description: 'As Intercom sends it.', value: { kind: 'static', value: 'application/json' } },
    signatureHeader('X-Hub-Signature', 'sha1=<hex HMAC-SHA1 of the raw body>, keyed with the client secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        ...hmacForm({
          name: 'default',
          label: 'Intercom sha1=<hex HMAC-SHA1> of the body',
          header: 'X-Hub-Signature',
          format: { kind: 'prefixed', prefix: 'sha1=' },
          digest: 'hex',
        }),
        algorithm: 'hmac-sha1',
      },
    ],
  },
  events: eventsFrom(TOPICS, (topic) => ({
    type: 'notification_event',
    app_id: 'a86dr8yl',
    data: { type: 'notification_event_data', item: item(topic) },
    links: {},
    id: 'notif_{{uuid}}',
    topic: '{{eventType}}',
    delivery_status: 'pending',
    delivery_attempts: 1,
    delivered_at: 0,
    first_sent_at: '{{time:unix-s}}',
    created_at: '{{time:unix-s}}',
    self: null,
  })),
  envelope: {
    description:
      '{ type: "notification_event", app_id, data: { type: "notification_event_data", item }, links, id (notif_...), topic, delivery_status, delivery_attempts, delivered_at, first_sent_at, created_at (unix s), self }',
    requiredKeys: ['type', 'app_id', 'data', 'id', 'topic'],
    timeField: { path: 'created_at', format: 'unix-s' },
  },
  eventTypeLocations: [{ in: 'body', path: 'topic' }],
  // X-Hub-Signature is the PubSubHubbub header, also sent by older GitHub hooks: the envelope must match too.
  detection: { headers: ['X-Hub-Signature'], headersAreGeneric: true },
  ids: {
    conventions: [{ field: 'id', prefix: 'notif_', description: 'Notification id: the idempotency key.' }],
    delivery: { fromPayload: 'id', generate: { style: 'prefixed', prefix: 'notif_' } },
  },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure:
      'A private app whose endpoint answers with errors for more than seven days has its subscription suspended until "Set live" is pressed; more than 1,000 consecutive errors in 15 minutes pause notifications for 15 minutes; a 429 throttles further notifications with a delay from 1 minute up to 2 hours.',
  },
  notes: [
    'Scheme: https://developers.intercom.com/docs/references/webhooks/webhook-models (Signed notifications) - X-Hub-Signature is "sha1=" and the hexadecimal (40-character) HMAC-SHA1 of the JSON notification, keyed with the app\'s client_secret (the older subscription API called it hub_secret). The page\'s example signed request (sha1=21ff2e14...) does not give its key, so it cannot serve as a test vector: Intercom is proven by an independent node:crypto computation written from this recipe (test/core/providers/oracles/intercom.test.ts), by documentation recipe only.',
    'Headers: the same example shows User-Agent intercom-parrot-service-client/1.0 and Accept application/json; endpoints must be https (https://developers.intercom.com/docs/webhooks/setting-up-webhooks).',
    "Detection: X-Hub-Signature alone is generic (GitHub's legacy SHA-1 header has the same name), so an Intercom capture also needs the notification_event envelope.",
    'Topics: https://developers.intercom.com/docs/references/webhooks/webhook-models (API 2.x). The ping topic is what the Developer Hub sends when a webhook is saved; it must get a 2xx. The retired API 1.x topics (user.created...) are not listed; a capture carrying one is still attributed to Intercom.',
    'Suspension, pause and throttling: https://developers.intercom.com/docs/webhooks/webhook-notifications.',
    'The real delivery_attempts and first_sent_at change on retries; Hookscope sends one body per delivery (a byte-identical retry), so they keep their first values.',
    UNDOCUMENTED_NOTE,
  ],
};
