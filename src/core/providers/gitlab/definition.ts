import type { JsonObject, ProviderDefinition } from '../../../shared/providers';
import { SECOND, jsonContentType } from '../definition-parts';

/** X-Gitlab-Event → object_kind. */
const EVENTS: Record<string, [string, string]> = {
  'Push Hook': ['push', 'Commits were pushed to a branch.'],
  'Tag Push Hook': ['tag_push', 'A tag was created or deleted.'],
  'Issue Hook': ['issue', 'An issue was opened, updated, closed or reopened.'],
  'Note Hook': ['note', 'A comment was made on a commit, merge request, issue or snippet.'],
  'Merge Request Hook': ['merge_request', 'A merge request was opened, updated, merged, closed or approved.'],
  'Wiki Page Hook': ['wiki_page', 'A wiki page was created, updated or deleted.'],
  'Pipeline Hook': ['pipeline', "A pipeline's status changed."],
  'Job Hook': ['build', "A job's status changed."],
  'Deployment Hook': ['deployment', 'A deployment started, succeeded, failed or was canceled.'],
  'Release Hook': ['release', 'A release was created, updated or deleted.'],
};

const project = {
  id: '{{int:1:99999}}',
  name: 'Diaspora',
  path_with_namespace: 'mike/diaspora',
  web_url: 'https://gitlab.example.com/mike/diaspora',
  default_branch: 'main',
};
const user = { id: '{{int:1:9999}}', name: 'Administrator', username: 'root', email: 'admin@example.com' };

function sample(objectKind: string): JsonObject {
  if (objectKind === 'push' || objectKind === 'tag_push') {
    return {
      object_kind: objectKind,
      event_name: objectKind,
      before: '{{hex:40}}',
      after: '{{hex:40}}',
      ref: objectKind === 'push' ? 'refs/heads/main' : 'refs/tags/v1.0.0',
      user_id: '{{int:1:9999}}',
      user_name: 'Administrator',
      project_id: '{{int:1:99999}}',
      project,
      commits: [
        {
          id: '{{hex:40}}',
          message: 'Update README',
          timestamp: '{{time:iso-s}}',
          author: { name: 'Administrator', email: 'admin@example.com' },
        },
      ],
      total_commits_count: 1,
    };
  }
  if (objectKind === 'build')
    return {
      object_kind: 'build',
      ref: 'main',
      build_id: '{{int:1:999999}}',
      build_name: 'test',
      build_stage: 'test',
      build_status: '{{pick:created|running|success|failed}}',
      build_started_at: '{{time:iso-s}}',
      project_id: '{{int:1:99999}}',
      user,
    };
  const attributes: JsonObject = {
    id: '{{int:1:99999}}',
    iid: '{{int:1:999}}',
    title: 'Example',
    created_at: '{{time:iso-s}}',
    updated_at: '{{time:iso-s}}',
  };
  if (objectKind === 'merge_request')
    Object.assign(attributes, { source_branch: 'feature', target_branch: 'main', state: 'opened', action: 'open' });
  if (objectKind === 'issue') Object.assign(attributes, { state: 'opened', action: 'open' });
  if (objectKind === 'pipeline') Object.assign(attributes, { ref: 'main', status: 'success', sha: '{{hex:40}}' });
  return { object_kind: objectKind, event_type: objectKind, user, project, object_attributes: attributes };
}

export const gitlab: ProviderDefinition = {
  id: 'gitlab',
  name: 'GitLab',
  kind: 'common-scheme',
  description: 'GitLab project webhooks: no signature, a shared secret token in X-Gitlab-Token.',
  source: 'https://docs.gitlab.com/user/project/integrations/webhooks/',
  headers: [
    jsonContentType(),
    {
      name: 'X-Gitlab-Event',
      description: 'The event ("Push Hook", "Merge Request Hook"...).',
      value: { kind: 'event-type' },
    },
    {
      name: 'X-Gitlab-Event-UUID',
      description: 'The event id; the same on every delivery of it.',
      value: { kind: 'delivery-id' },
    },
    {
      name: 'X-Gitlab-Token',
      description: "The webhook's secret token, as configured (no signature).",
      value: { kind: 'signature' },
    },
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      {
        name: 'default',
        label: 'GitLab shared token in X-Gitlab-Token',
        algorithm: 'token',
        header: 'X-Gitlab-Token',
        format: { kind: 'plain' },
        digest: 'utf8',
        signedContent: { template: '{body}', bodyForms: ['raw'] },
        secretEncoding: 'utf8',
      },
    ],
  },
  events: Object.entries(EVENTS).map(([type, [objectKind, description]]) => ({
    type,
    description,
    sample: sample(objectKind),
  })),
  envelope: { description: '{ object_kind, ..., project, user | user_name }', requiredKeys: ['object_kind'] },
  eventTypeLocations: [{ in: 'header', name: 'X-Gitlab-Event' }],
  detection: { headers: ['X-Gitlab-Event', 'X-Gitlab-Token', 'X-Gitlab-Event-UUID'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false, maxPayloadBytes: 25 * 1024 * 1024 },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: [],
    afterFailure:
      'Not retried. After 4 consecutive failures the webhook is disabled for a while (1 minute, doubling up to 1 day); after 40 it is disabled until re-enabled.',
  },
  notes: [
    'Scheme: https://docs.gitlab.com/user/project/integrations/webhooks/ (Validate payloads by using a secret token) - GitLab signs nothing: it sends the secret token as configured in X-Gitlab-Token, and the handler compares it (in constant time). The body is not protected: a tampered body with the right token is valid, and Hookscope says so.',
    'Hookscope never shows the expected token back in a verdict (it is the secret itself).',
    'Timeout: 10 s (GitLab.com; configurable on self-managed). GitLab does not retry a failed delivery; failing webhooks are auto-disabled (https://docs.gitlab.com/user/project/integrations/webhooks/#auto-disabled-webhooks).',
    'Events: https://docs.gitlab.com/user/project/integrations/webhook_events/ (the project events; payloads abridged).',
  ],
};
