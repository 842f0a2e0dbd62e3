import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import {
  SVIX_RETRY_DELAYS_MS,
  SVIX_TIMEOUT_MS,
  eventsFrom,
  standardWebhooksForm,
  standardWebhooksHeaders,
} from '../definition-parts';

const EVENTS: Record<string, string> = {
  storageUpdated: "A room's storage changed (throttled to once a minute per room).",
  ydocUpdated: "A room's Yjs document changed.",
  userEntered: 'A user connected to a room.',
  userLeft: 'A user left a room.',
  roomCreated: 'A room was created.',
  roomDeleted: 'A room was deleted.',
  commentCreated: 'A comment was posted.',
  commentEdited: 'A comment was edited.',
  commentDeleted: 'A comment was deleted.',
  commentReactionAdded: 'A reaction was added to a comment.',
  commentReactionRemoved: 'A reaction was removed from a comment.',
  threadCreated: 'A thread was created.',
  threadMetadataUpdated: "A thread's metadata changed.",
  threadMarkedAsResolved: 'A thread was resolved.',
  threadMarkedAsUnresolved: 'A thread was reopened.',
  threadDeleted: 'A thread was deleted.',
  notification: 'An inbox notification is ready to send (email, Slack...).',
};

function data(type: string): JsonObject {
  const room = { projectId: '{{id::24}}', roomId: 'my-room-id' };
  if (type === 'userEntered' || type === 'userLeft')
    return {
      ...room,
      connectionId: '{{int:1:500}}',
      userId: 'user-{{int:1:999}}',
      userInfo: null,
      enteredAt: '{{time:iso-ms}}',
      numActiveUsers: '{{int:1:8}}',
    };
  if (type.startsWith('comment'))
    return {
      ...room,
      threadId: '{{id:th_:24}}',
      commentId: '{{id:cm_:24}}',
      createdAt: '{{time:iso-ms}}',
      createdBy: 'user-1',
    };
  if (type.startsWith('thread'))
    return { ...room, threadId: '{{id:th_:24}}', createdAt: '{{time:iso-ms}}', createdBy: 'user-1' };
  if (type === 'notification')
    return {
      ...room,
      channel: 'email',
      kind: 'thread',
      inboxNotificationId: '{{id:in_:24}}',
      threadId: '{{id:th_:24}}',
      userId: 'user-1',
      createdAt: '{{time:iso-ms}}',
    };
  if (type.startsWith('room'))
    return { ...room, [type === 'roomCreated' ? 'createdAt' : 'deletedAt']: '{{time:iso-ms}}' };
  return { ...room, appId: '{{id::24}}', updatedAt: '{{time:iso-ms}}' };
}

export const liveblocks: ProviderDefinition = {
  id: 'liveblocks',
  name: 'Liveblocks',
  kind: 'common-scheme',
  description: 'Liveblocks room, comment and notification events, signed per Standard Webhooks.',
  source: 'https://liveblocks.io/docs/platform/webhooks',
  headers: standardWebhooksHeaders('webhook'),
  signature: { defaultForm: 'default', forms: [standardWebhooksForm('webhook')] },
  events: eventsFrom(EVENTS, (type) => ({ type: '{{eventType}}', data: data(type) })),
  envelope: { description: '{ type, data { projectId, roomId, ... } }', requiredKeys: ['type', 'data'] },
  eventTypeLocations: [{ in: 'body', path: 'type' }],
  detection: { headers: ['webhook-signature', 'webhook-id', 'webhook-timestamp'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'prefixed', prefix: 'msg_' } } },
  limits: { httpsRequired: true },
  delivery: {
    timeoutMs: SVIX_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: SVIX_RETRY_DELAYS_MS,
    afterFailure: "Marked failed; visible in the dashboard's webhook logs.",
  },
  notes: [
    'Scheme: https://liveblocks.io/docs/platform/webhooks - webhook-id, webhook-timestamp, webhook-signature with a whsec_ secret (WebhookHandler in @liveblocks/node checks them the Standard Webhooks way); proven against the standardwebhooks library.',
    "Liveblocks delivers through Svix: the ladder and timeout are Svix's published schedule (https://docs.svix.com/retries).",
    'Event types are camelCase (storageUpdated, commentCreated): grouped by their first word in the pickers.',
  ],
};
