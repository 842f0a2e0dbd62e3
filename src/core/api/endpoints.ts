import type { ApiHandlers } from '../../shared/api';
import { DEFAULT_RULE, responseRuleSchema } from '../../shared/capture-types';
import type { AppSurface } from '../app';

type EndpointHandlers = Pick<
  ApiHandlers,
  'endpoints.list' | 'endpoints.create' | 'endpoints.update' | 'endpoints.delete'
>;

/** Endpoints: their response rules, retention, and (from the New endpoint form) provider and secrets; forwarding is in replay.ts. */
export function createEndpointHandlers(app: AppSurface): EndpointHandlers {
  return {
    'endpoints.list': () =>
      app.endpoints
        .list()
        .map((e) => ({ ...e, secretCount: app.secrets.list(e.id).length + app.secrets.unreadable(e.id) })),
    'endpoints.create': ({ slug, rule, retention, provider, secrets }) => {
      // An unknown provider fails before anything is created.
      const bound = provider === undefined ? null : app.providers.require(provider).id;
      const created = app.endpoints.create(
        slug,
        responseRuleSchema.parse({ ...DEFAULT_RULE, ...rule }),
        bound,
        retention,
      );
      if (secrets?.length) app.secrets.set(slug, secrets, 'add');
      return created;
    },
    'endpoints.update': ({ slug, rule, retention, provider, secrets, secretsMode }) => {
      const bound = provider === undefined ? undefined : provider === null ? null : app.providers.require(provider).id;
      const merged = rule ? responseRuleSchema.parse({ ...app.endpoints.get(slug).rule, ...rule }) : undefined;
      const updated = app.endpoints.update(slug, {
        rule: merged,
        retention,
        ...(bound !== undefined && { provider: bound }),
      });
      if (secrets !== undefined) app.secrets.set(slug, secrets, secretsMode ?? 'replace');
      return updated;
    },
    'endpoints.delete': ({ slug, dryRun }) => {
      if (!dryRun) return { ...app.cleanup.deleteEndpoint(slug), dryRun: false };
      const endpoint = app.endpoints.get(slug);
      return { slug: endpoint.slug, count: app.cleanup.count({ filter: { endpoint: endpoint.slug } }), dryRun: true };
    },
  };
}
