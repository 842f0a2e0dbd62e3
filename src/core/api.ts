import { HookscopeError } from '../shared/errors';
import { apiArgs, isApiMethod, type ApiHandlers } from '../shared/api';
import { toDetail } from './store/captures';
import { decodeBody, isText } from './capture/decode';
import { DEFAULT_RULE, responseRuleSchema } from '../shared/capture-types';
import type { App } from './app';
import { createSenderHandlers } from './api-sender';
import { createTunnelHandlers } from './tunnel/api-handlers';
import { createReplayHandlers } from './replay/api-handlers';
import { databasePath } from './paths';
import { translateEscapedStoreError } from './store/db';
import { asInteractive, type InteractiveGate } from './interactive';

/** The API implemented once over the core; every transport calls through `callApi`. */
export function createApiHandlers(app: App, info: { version: string; captureUrl: () => string | null }): ApiHandlers {
  return withStoreErrors(databasePath(app.dataDir), app.interactive, {
    ...createSenderHandlers(app),
    ...createTunnelHandlers(app),
    ...createReplayHandlers(app),
    'captures.list': (args) => app.captures.list(args),
    'captures.get': ({ id }) => toDetail(app.captureAnalyzed(id)),
    'captures.body': ({ id }) => {
      const capture = app.captures.get(id);
      const { bytes, decoded, error } = decodeBody(capture.headers, capture.body);
      return { bodyBase64: bytes.toString('base64'), size: bytes.length, decoded, error: error ?? null, isText: isText(bytes) };
    },
    'captures.search': ({ text, limit }) => app.captures.summariesByIds(app.search.search(text, limit ?? 50)),
    'endpoints.list': () => app.endpoints.list(),
    'endpoints.create': ({ slug, rule, retention }) => app.createEndpoint(slug, responseRuleSchema.parse({ ...DEFAULT_RULE, ...rule }), null, retention),
    'endpoints.update': ({ slug, rule, retention }) =>
      app.updateEndpoint(slug, { rule: rule ? responseRuleSchema.parse({ ...app.endpoints.get(slug).rule, ...rule }) : undefined, retention }),
    'app.backlog': () => app.backlog(),
    'app.info': () => ({ version: info.version, dataDir: app.dataDir, captureUrl: info.captureUrl() }),
  });
}

/**
 * Every handler, with a SQLite failure it lets escape (a damaged page met
 * mid-read, a write refused) turned into its coded HookscopeError naming the
 * database, as every transport reports HookscopeErrors: code and one line.
 */
function withStoreErrors(file: string, gate: InteractiveGate, handlers: ApiHandlers): ApiHandlers {
  const translate = (error: unknown): never => {
    throw translateEscapedStoreError(error, file);
  };
  const wrapped: Record<string, (args: unknown) => unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as [string, (args: unknown) => unknown][]) {
    wrapped[method] = (args) => {
      try {
        // An interactive call: background work stands aside while it runs and just after.
        const result = asInteractive(gate, () => handler(args));
        return result instanceof Promise ? result.catch(translate) : result;
      } catch (error) {
        return translate(error);
      }
    };
  }
  return wrapped as ApiHandlers;
}

/** Validates a call's method and arguments against the contract, then runs it. */
export async function callApi(handlers: ApiHandlers, method: string, args: unknown): Promise<unknown> {
  if (!isApiMethod(method)) throw new HookscopeError('METHOD_UNKNOWN', `the API has no method "${method}"`);
  const parsed = apiArgs[method].safeParse(args ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '(arguments)';
    throw new HookscopeError('BAD_INPUT', `${method}: ${where}: ${issue.message}`, { issues: parsed.error.issues });
  }
  const handler = handlers[method] as (a: unknown) => unknown;
  return handler(parsed.data);
}
