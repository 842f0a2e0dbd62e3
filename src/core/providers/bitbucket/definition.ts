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

/** X-Event-Key values, `<resource>:<action>`. */
const EVENTS: Record<string, string> = {
  'repo:push': 'Commits or tags were pushed, or a branch was created or deleted.',
  'repo:fork': 'The repository was forked.',
  'repo:updated': "The repository's settings (name, description, website, language) changed.",
  'repo:commit_comment_created': 'A commit was commented on.',
  'repo:commit_status_created': 'A build status was created for a commit.',
  'repo:commit_status_updated': "A commit's build status changed.",
  'issue:created': 'An issue was created.',
  'issue:updated': 'An issue was updated.',
  'issue:comment_created': 'An issue was commented on.',
  'pullrequest:created': 'A pull request was opened.',
  'pullrequest:updated': 'A pull request was updated (title, description, source branch...).',
  'pullrequest:changes_request_created': 'A reviewer requested changes.',
  'pullrequest:changes_request_removed': 'A request for changes was withdrawn.',
  'pullrequest:approved': 'A pull request was approved.',
  'pullrequest:unapproved': 'An approval was removed.',
  'pullrequest:fulfilled': 'A pull request was merged.',
  'pullrequest:rejected': 'A pull request was declined.',
  'pullrequest:comment_created': 'A pull request was commented on.',
  'pullrequest:comment_updated': 'A pull request comment was edited.',
  'pullrequest:comment_deleted': 'A pull request comment was deleted.',
  'pullrequest:comment_resolved': 'A pull request comment thread was resolved.',
  'pullrequest:comment_reopened': 'A resolved comment thread was reopened.',
};

const BB = 'https://bitbucket.org';
const actor = {
  type: 'user',
  display_name: 'Ada Lovelace',
  uuid: '{{{uuid}}}',
  account_id: '557058:{{uuid}}',
  nickname: 'ada',
  links: { html: { href: `${BB}/%7B{{uuid}}%7D/` } },
};
const repository = {
  type: 'repository',
  name: 'hello-world',
  full_name: 'acme/hello-world',
  uuid: '{{{uuid}}}',
  is_private: true,
  scm: 'git',
  workspace: { type: 'workspace', slug: 'acme', name: 'Acme', uuid: '{{{uuid}}}' },
  links: { html: { href: `${BB}/acme/hello-world` } },
};
const commit = { type: 'commit', hash: '{{hex:40}}', message: 'Fix the checkout total\n', date: '{{time:iso-ms}}' };

function pullRequest(change: string): JsonObject {
  const state = change === 'fulfilled' ? 'MERGED' : change === 'rejected' ? 'DECLINED' : 'OPEN';
  return {
    type: 'pullrequest',
    id: '{{int:1:999}}',
    title: 'Fix the checkout total',
    state,
    author: actor,
    source: { branch: { name: 'fix/checkout-total' }, commit: { hash: '{{hex:12}}' }, repository },
    destination: { branch: { name: 'main' }, commit: { hash: '{{hex:12}}' }, repository },
    created_on: '{{time:iso-ms}}',
    updated_on: '{{time:iso-ms}}',
    links: { html: { href: `${BB}/acme/hello-world/pull-requests/1` } },
  };
}

const comment = (inline: boolean): JsonObject => ({
  type: inline ? 'pullrequest_comment' : 'issue_comment',
  id: '{{int:100000:999999}}',
  content: { raw: 'Looks good to me.', markup: 'markdown' },
  user: actor,
  created_on: '{{time:iso-ms}}',
  updated_on: '{{time:iso-ms}}',
});

function sample(type: string): JsonObject {
  const [resource, change] = type.split(':');
  const base = { actor, repository };
  if (type === 'repo:push')
    return {
      ...base,
      push: {
        changes: [
          {
            new: { type: 'branch', name: 'main', target: commit },
            old: { type: 'branch', name: 'main', target: { ...commit, hash: '{{hex:40}}' } },
            created: false,
            closed: false,
            forced: false,
            commits: [commit],
            truncated: false,
          },
        ],
      },
    };
  if (type === 'repo:fork')
    return { ...base, fork: { ...repository, full_name: 'ada/hello-world', created_on: '{{time:iso-ms}}' } };
  if (type === 'repo:updated')
    return {
      ...base,
      repository: { ...repository, updated_on: '{{time:iso-ms}}' },
      changes: { description: { new: 'Checkout service', old: '' } },
    };
  if (type === 'repo:commit_comment_created') return { ...base, comment: comment(false), commit };
  if (resource === 'repo')
    return {
      ...base,
      commit_status: {
        type: 'build',
        key: 'ci-build',
        name: 'CI build #{{int:1:999}}',
        state: change === 'commit_status_created' ? 'INPROGRESS' : '{{pick:SUCCESSFUL|FAILED}}',
        url: 'https://ci.example.com/builds/1',
        created_on: '{{time:iso-ms}}',
        updated_on: '{{time:iso-ms}}',
      },
    };
  if (resource === 'issue') {
    const issue = {
      type: 'issue',
      id: '{{int:1:999}}',
      title: 'Checkout total is off by one cent',
      state: 'new',
      kind: 'bug',
      priority: 'major',
      reporter: actor,
      created_on: '{{time:iso-ms}}',
      updated_on: '{{time:iso-ms}}',
    };
    if (change === 'comment_created') return { ...base, issue, comment: comment(false) };
    if (change === 'updated')
      return { ...base, issue, changes: { state: { old: 'new', new: 'open' } }, comment: comment(false) };
    return { ...base, issue };
  }
  const pr = pullRequest(change);
  if (change.startsWith('comment_')) return { ...base, pullrequest: pr, comment: comment(true) };
  if (['approved', 'unapproved', 'changes_request_created', 'changes_request_removed'].includes(change)) {
    const key = change.startsWith('changes_request') ? 'changes_request' : 'approval';
    return { ...base, pullrequest: pr, [key]: { date: '{{time:iso-ms}}', user: actor } };
  }
  return { ...base, pullrequest: pr };
}

export const bitbucket: ProviderDefinition = {
  id: 'bitbucket',
  name: 'Bitbucket Cloud',
  kind: 'common-scheme',
  description: 'Bitbucket Cloud repository webhooks, X-Hub-Signature sha256=<hex HMAC-SHA256 of the body>.',
  source: 'https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/',
  headers: [
    jsonContentType(),
    {
      name: 'User-Agent',
      description: 'Bitbucket webhooks.',
      value: { kind: 'static', value: 'Bitbucket-Webhooks/2.0' },
    },
    { name: 'X-Event-Key', description: 'The event, <resource>:<action>.', value: { kind: 'event-type' } },
    { name: 'X-Request-UUID', description: 'A UUID for the request.', value: { kind: 'delivery-id' } },
    {
      name: 'X-Hook-UUID',
      description: 'The webhook that fired.',
      value: { kind: 'static', value: '{6e7c4a1e-5b3d-4a8f-9c2e-1d0f3b7a9e55}' },
    },
    signatureHeader('X-Hub-Signature', 'sha256=<hex HMAC-SHA256 of the raw body>, keyed with the webhook secret.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'Bitbucket sha256=<hex> over the raw body',
        header: 'X-Hub-Signature',
        format: { kind: 'prefixed', prefix: 'sha256=' },
        digest: 'hex',
      }),
    ],
  },
  events: eventsFrom(EVENTS, sample),
  envelope: {
    description: '{ actor, repository, ... } plus the entity of the event (push, pullrequest, issue, comment...)',
    requiredKeys: ['actor', 'repository'],
  },
  eventTypeLocations: [{ in: 'header', name: 'X-Event-Key' }],
  detection: { headers: ['X-Event-Key', 'X-Hook-UUID', 'X-Request-UUID'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { httpsRequired: false, maxPayloadBytes: 256 * 1024 },
  delivery: {
    timeoutMs: UNDOCUMENTED_TIMEOUT_MS,
    success: '2xx',
    retryDelaysMs: UNDOCUMENTED_RETRY_DELAYS_MS,
    afterFailure: 'Not documented; the request log of the webhook (once history is enabled) shows the outcome.',
  },
  notes: [
    'Scheme: https://support.atlassian.com/bitbucket-cloud/docs/manage-webhooks/ (Secure webhooks) - with a secret set, X-Hub-Signature is "sha256=" + the hex HMAC-SHA256 of the raw body, keyed with the secret as text. GitHub uses X-Hub-Signature-256 for the same computation; Bitbucket is told apart by X-Event-Key, X-Hook-UUID and X-Request-UUID.',
    'Proven by the documented recipe only: Atlassian publishes no npm library with a verify function and no test vector (the value on that page is a placeholder); test/core/providers/oracles/docusign-bitbucket.test.ts checks both directions against an independent node:crypto computation of that recipe.',
    'Events and headers: https://support.atlassian.com/bitbucket-cloud/docs/event-payloads/ - X-Event-Key, X-Hook-UUID, X-Request-UUID, X-Attempt-Number (which Hookscope does not send: it would have to change between attempts of one delivery); the repository, issue and pull-request events with their actor/repository envelope. Bitbucket writes times with microseconds and +00:00; samples use milliseconds and Z. Payloads abridged; payloads over 256 KB are not sent (https://confluence.atlassian.com/bbkb/troubleshoot-webhooks-1167729092.html).',
    UNDOCUMENTED_NOTE,
  ],
};
