import { secretListSchema } from '../../../src/shared/api';

/** The verification part of the endpoint form as typed: a provider ('' detects per request) and new secrets, one per line. */
export interface BindingFields {
  provider: string;
  secrets: string;
  /** Editing: whether the typed secrets join the stored ones (rotation) or replace them. */
  secretsMode: 'add' | 'replace';
  /** Editing: drop every stored secret (the typed ones, if any, become the only ones). */
  clearSecrets: boolean;
}

export function toBindingFields(provider: string | null): BindingFields {
  return { provider: provider ?? '', secrets: '', secretsMode: 'add', clearSecrets: false };
}

/** The secrets typed, one per line, blank lines and surrounding spaces left out (as the CLI's repeated --secret). */
export function typedSecrets(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The same limits as the API and `endpoint create --secret`: 1 to 4096 characters each, at most 20 at once. */
export function secretsError(list: string[]): string | undefined {
  const parsed = secretListSchema.safeParse(list);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  if (issue.path.length === 0) return `at most 20 secrets at once (${list.length} typed)`;
  return `secret on line ${Number(issue.path[0]) + 1}: at most 4096 characters`;
}

/**
 * What the form's save sends about verification: the provider when it
 * changed (null unbinds), and the secrets when some were typed or the stored
 * ones are cleared.
 */
export function bindingChange(
  fields: BindingFields,
  before: string | null,
): { provider?: string | null; secrets?: string[]; secretsMode?: 'add' | 'replace' } {
  const change: { provider?: string | null; secrets?: string[]; secretsMode?: 'add' | 'replace' } = {};
  const provider = fields.provider === '' ? null : fields.provider;
  if (provider !== before) change.provider = provider;
  const list = typedSecrets(fields.secrets);
  if (fields.clearSecrets) {
    change.secrets = list;
    change.secretsMode = 'replace';
  } else if (list.length > 0) {
    change.secrets = list;
    change.secretsMode = fields.secretsMode;
  }
  return change;
}
