/**
 * Where a provider documents no timeout or no retry ladder, its definition
 * says so (`delivery.notDocumented`) and the sender plays Hookscope's
 * default; every place that shows the value names it as such. Pure.
 */
import type { ProviderDefinition } from './providers';
import type { UNDOCUMENTED_PARTS } from './provider-schema';

export type UndocumentedPart = (typeof UNDOCUMENTED_PARTS)[number];

export function isNotDocumented(provider: ProviderDefinition, part: UndocumentedPart): boolean {
  return provider.delivery.notDocumented?.includes(part) ?? false;
}

/** "default, not documented by Stripe" */
export function defaultLabel(provider: ProviderDefinition): string {
  return `default, not documented by ${provider.name}`;
}

/** `text`, followed by " (default, not documented by <provider>)" when that part is not documented. */
export function withDefaultLabel(provider: ProviderDefinition, part: UndocumentedPart, text: string): string {
  return isNotDocumented(provider, part) ? `${text} (${defaultLabel(provider)})` : text;
}
