/** `send --payload` bytes, checked before anything is generated or sent: canonical JSON where the provider's handlers need it, compacted on request. */
import { HookscopeError } from '../../shared/errors';
import { canonicalWarningFor, checkCanonicalJson } from '../../shared/canonical-json';
import type { ProviderDefinition } from '../../shared/providers';

/**
 * The payload as it will be sent, and the warnings about it: with `compact`,
 * the compact JSON.stringify form (BAD_INPUT when it is not JSON); without,
 * the bytes as given, with a warning when the provider's handlers will
 * disagree on them.
 */
export function preparePayload(
  provider: ProviderDefinition,
  bytes: Uint8Array,
  compact: boolean,
): { payload: Uint8Array; warnings: string[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    if (compact)
      throw new HookscopeError('BAD_INPUT', '--compact: the payload is not UTF-8 text, so it is not JSON to compact.');
    return { payload: bytes, warnings: [] };
  }
  if (compact) {
    const check = checkCanonicalJson(text);
    if (!check.json)
      throw new HookscopeError(
        'BAD_INPUT',
        '--compact: the payload is not JSON (or is nested too deep), so it cannot be compacted.',
      );
    return { payload: check.canonical ? bytes : new TextEncoder().encode(check.compact), warnings: [] };
  }
  const warning = canonicalWarningFor(provider, text);
  return { payload: bytes, warnings: warning ? [warning.message] : [] };
}
