import type { ProviderDefinition } from '../../../shared/providers';
import { SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';

const repository = {
  id: '{{int:10000000:99999999}}',
  name: 'hello-world',
  full_name: 'octo-org/hello-world',
  private: false,
};
const sender = { login: 'octocat', id: 583231, type: 'User' };

export const github: ProviderDefinition = {
  id: 'github',
  name: 'GitHub',
  kind: 'common-scheme',
  description: 'GitHub repository and organization webhooks.',
  source: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
  headers: [
    jsonContentType(),
    {
      name: 'User-Agent',
      description: 'GitHub webhook agent.',
      value: { kind: 'static', value: 'GitHub-Hookshot/hookscope' },
    },
    { name: 'X-GitHub-Event', description: 'The event name.', value: { kind: 'event-type' } },
    { name: 'X-GitHub-Delivery', description: 'A GUID for the delivery.', value: { kind: 'delivery-id' } },
    signatureHeader('X-Hub-Signature-256', 'sha256=<hex>, HMAC-SHA256 of the raw body.'),
  ],
  signature: {
    defaultForm: 'default',
    forms: [
      hmacForm({
        name: 'default',
        label: 'GitHub sha256=<hex> over the raw body',
        header: 'X-Hub-Signature-256',
        format: { kind: 'prefixed', prefix: 'sha256=' },
        digest: 'hex',
      }),
    ],
  },
  events: [
    {
      type: 'ping',
      description: 'Sent when a webhook is created.',
      sample: { zen: 'Keep it logically awesome.', hook_id: '{{int:100000000:999999999}}', repository, sender },
    },
    {
      type: 'push',
      description: 'Commits were pushed to a branch or tag.',
      sample: {
        ref: 'refs/heads/main',
        before: '{{hex:40}}',
        after: '{{hex:40}}',
        created: false,
        deleted: false,
        forced: false,
        commits: [],
        repository,
        sender,
      },
    },
    {
      type: 'pull_request',
      description: 'Activity on a pull request.',
      sample: {
        action: '{{pick:opened|closed|synchronize|reopened}}',
        number: '{{int:1:2000}}',
        pull_request: { title: 'Fix the flux capacitor', state: 'open' },
        repository,
        sender,
      },
    },
    {
      type: 'issues',
      description: 'Activity on an issue.',
      sample: {
        action: '{{pick:opened|edited|closed|labeled}}',
        issue: { number: '{{int:1:2000}}', title: 'Something is broken', state: 'open' },
        repository,
        sender,
      },
    },
  ],
  envelope: { description: 'Varies by event; most carry repository and sender.', requiredKeys: ['sender'] },
  eventTypeLocations: [{ in: 'header', name: 'X-GitHub-Event' }],
  detection: { headers: ['X-Hub-Signature-256', 'X-GitHub-Event', 'X-GitHub-Delivery'], headersAreGeneric: false },
  ids: { conventions: [], delivery: { generate: { style: 'uuid' } } },
  limits: { maxPayloadBytes: 25 * 1024 * 1024, httpsRequired: false },
  delivery: {
    timeoutMs: 10 * SECOND,
    success: '2xx',
    retryDelaysMs: [],
    afterFailure:
      'Marked failed; GitHub does not redeliver automatically, redeliver by hand from the webhook settings or the API.',
  },
  notes: ['GitHub does not retry failed deliveries by itself; the ladder is empty on purpose.'],
};
