import type { ProviderDefinition } from '../../../shared/providers';
import { SECOND, hmacForm, jsonContentType, signatureHeader } from '../definition-parts';
import { GITHUB_EXAMPLES_SOURCE, githubEvents } from './examples';

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
    {
      name: 'X-GitHub-Event',
      description: "The event name; the action is the body's `action`.",
      value: { kind: 'event-name' },
    },
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
  events: githubEvents(),
  envelope: {
    description:
      'Varies by event: `action` (for events with actions), the resource, repository, organization, installation and sender.',
    requiredKeys: [],
  },
  eventTypeLocations: [{ in: 'header', name: 'X-GitHub-Event', actionPath: 'action' }],
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
  notes: [
    'Scheme: https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries - X-Hub-Signature-256 is "sha256=" and the hex HMAC-SHA256 of the raw body, keyed with the webhook secret.',
    `Events: every event and action of ${GITHUB_EXAMPLES_SOURCE}, one event type per event.action (X-GitHub-Event carries the event name, the body's action the rest: issues.opened), the bare name for events without actions (push, ping). Regenerate with scripts/providers/github-examples.mjs.`,
    "Samples are GitHub's published examples as they are: ids, logins and URLs stay GitHub's own (stable, the same on every send and retry). One placeholder only: every time equal to the example's latest instant (the moment the event happened, e.g. an issue's updated_at, a push's pushed_at) is the send instant, in the same format (ISO seconds or unix seconds), the same on every retry. Earlier times stay as published (they precede the event), and so do times written with a UTC offset (commit timestamps), which the sample engine does not write.",
    'An action GitHub lists without an example of its own (44 of 205: issues.closed, pull_request.merged...) takes the first published example of the same event with its action set (`sameAs` in examples.json names the example it takes).',
    'Retries: https://docs.github.com/en/webhooks/testing-and-troubleshooting-webhooks/redelivering-webhooks - GitHub does not redeliver failed deliveries automatically (redeliver by hand within 3 days); the ladder is empty on purpose. Timeout: https://docs.github.com/en/webhooks/using-webhooks/best-practices-for-using-webhooks - respond with a 2xx within 10 seconds, or GitHub ends the connection and counts the delivery as failed.',
  ],
};
