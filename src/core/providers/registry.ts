/** Built-in and user-defined providers, looked up by id. */
import type { ProviderDefinition, ProviderFileError } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';
import { BUILTIN_PROVIDERS } from './catalog';
import { loadUserProviders } from './user-loader';

export interface ProviderRegistry {
  list(): ProviderDefinition[];
  get(id: string): ProviderDefinition | undefined;
  /** Throws HookscopeError PROVIDER_UNKNOWN. */
  require(id: string): ProviderDefinition;
  /** Problems found in user provider files (those files are skipped). */
  readonly errors: ProviderFileError[];
}

/** Freezes a definition and everything in it, without recursion (a sample can nest as deep as a file allows). */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object' || Object.isFrozen(node)) continue;
    Object.freeze(node);
    for (const item of Object.values(node)) stack.push(item);
  }
  return value;
}

export function createProviderRegistry(options: { userDir?: string } = {}): ProviderRegistry {
  const user = options.userDir
    ? loadUserProviders(options.userDir, { reservedIds: BUILTIN_PROVIDERS.map((p) => p.id) })
    : { providers: [], errors: [] };
  const all = [...BUILTIN_PROVIDERS, ...user.providers].map(deepFreeze);
  const byId = new Map(all.map((p) => [p.id, p]));
  return {
    list: () => [...all],
    get: (id) => byId.get(id),
    require(id) {
      const provider = byId.get(id);
      if (!provider)
        throw new HookscopeError('PROVIDER_UNKNOWN', `No provider has the id "${id}".`, { providerId: id });
      return provider;
    },
    errors: user.errors,
  };
}
