import type { ProviderDefinition, SignatureForm } from '../../shared/providers';
import { HookscopeError } from '../../shared/errors';

export function defaultForm(provider: ProviderDefinition): SignatureForm {
  return provider.signature.forms.find((f) => f.name === provider.signature.defaultForm) ?? provider.signature.forms[0];
}

/** The named form, or the default; throws SIGNATURE_SCHEME_UNKNOWN for a name the provider lacks. */
export function resolveForm(provider: ProviderDefinition, name?: string): SignatureForm {
  if (name === undefined) return defaultForm(provider);
  const form = provider.signature.forms.find((f) => f.name === name);
  if (!form) {
    const names = provider.signature.forms.map((f) => f.name).join(', ');
    throw new HookscopeError(
      'SIGNATURE_SCHEME_UNKNOWN',
      `${provider.name} has no signature form "${name}" (it has: ${names}).`,
    );
  }
  return form;
}

export function schemeId(provider: ProviderDefinition, form: SignatureForm): string {
  return `${provider.id}/${form.name}`;
}
