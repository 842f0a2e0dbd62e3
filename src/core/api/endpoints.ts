import type { ApiHandlers } from '../../shared/api';
import { DEFAULT_RULE, responseRuleSchema } from '../../shared/capture-types';
import type { AppSurface } from '../app';

type EndpointHandlers = Pick<ApiHandlers, 'endpoints.list' | 'endpoints.create' | 'endpoints.update'>;

/** Endpoints: their response rules and retention (binding to a provider is in sender.ts, forwarding in replay.ts). */
export function createEndpointHandlers(app: AppSurface): EndpointHandlers {
  return {
    'endpoints.list': () => app.endpoints.list(),
    'endpoints.create': ({ slug, rule, retention }) => app.endpoints.create(slug, responseRuleSchema.parse({ ...DEFAULT_RULE, ...rule }), null, retention),
    'endpoints.update': ({ slug, rule, retention }) =>
      app.endpoints.update(slug, { rule: rule ? responseRuleSchema.parse({ ...app.endpoints.get(slug).rule, ...rule }) : undefined, retention }),
  };
}
