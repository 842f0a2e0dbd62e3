import { HookscopeError } from '../../shared/errors';
import { apiArgs, isApiMethod, type ApiHandlers } from '../../shared/api';
import type { AppSurface } from '../app';
import { databasePath } from '../paths';
import { translateEscapedStoreError } from '../store/db';
import { createCaptureHandlers } from './captures';
import { createEndpointHandlers } from './endpoints';
import { createSenderHandlers } from './sender';
import { createTunnelHandlers } from './tunnel';
import { createReplayHandlers } from './replay';
import { asInteractive, type InteractiveGate } from '../interactive';

/**
 * The API implemented once over the core's services; every transport calls
 * through `callApi`. The one registry: each area's handlers live in their own
 * file beside this one, and every method of the contract is here exactly once.
 */
export function createApiHandlers(
  app: AppSurface,
  info: { version: string; captureUrl: () => string | null },
): ApiHandlers {
  return withStoreErrors(databasePath(app.dataDir), app.interactive, {
    ...createCaptureHandlers(app),
    ...createEndpointHandlers(app),
    ...createSenderHandlers(app),
    ...createTunnelHandlers(app),
    ...createReplayHandlers(app),
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
