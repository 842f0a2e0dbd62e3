import { responseRuleSchema, slugSchema, type ResponseRule } from '../../../src/shared/capture-types';
import type { RetentionField } from './retention-form';

/** The endpoint form as typed: text for numbers, one `Name: value` header per line. */
export interface RuleForm {
  slug: string;
  status: string;
  delayMs: string;
  failFirst: string;
  failRate: string;
  seed: string;
  failStatus: string;
  hang: boolean;
  reset: boolean;
  defaultBody: boolean;
  body: string;
  headers: string;
}

/** Every field of the endpoint form: the rule's, and the retention limits'. */
export type FormField = keyof RuleForm | RetentionField;
export type FieldErrors = Partial<Record<FormField | 'form', string>>;

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const HEADER_VALUE = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

export function toForm(slug: string, rule: ResponseRule): RuleForm {
  return {
    slug,
    status: String(rule.status),
    delayMs: String(rule.delayMs),
    failFirst: String(rule.failFirst),
    failRate: String(rule.failRate),
    seed: String(rule.seed),
    failStatus: String(rule.failStatus),
    hang: rule.hang,
    reset: rule.reset,
    defaultBody: rule.body === null,
    body: rule.body ?? '',
    headers: rule.headers.map(([name, value]) => `${name}: ${value}`).join('\n'),
  };
}

function parseHeaders(text: string, errors: FieldErrors): [string, string][] {
  const pairs: [string, string][] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '' || errors.headers) return;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    const value = colon > 0 ? line.slice(colon + 1).trim() : '';
    if (!TOKEN.test(name)) errors.headers = `line ${i + 1}: write "Name: value" with a valid header name`;
    else if (!HEADER_VALUE.test(value))
      errors.headers = `line ${i + 1}: the value holds a character HTTP headers cannot carry`;
    else pairs.push([name, value]);
  });
  return pairs;
}

function parseNumber(field: FormField, text: string, errors: FieldErrors): number {
  const trimmed = text.trim();
  const n = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(n)) errors[field] = trimmed === '' ? 'required' : 'must be a number';
  return n;
}

/** Turns zod issues (from the shared schema, here or from the server) into messages per form field. */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const key = (path[0] === 'rule' || path[0] === 'retention' ? path[1] : path[0]) as FormField | undefined;
    const field: FormField | 'form' =
      key &&
      [
        'slug',
        'status',
        'delayMs',
        'failFirst',
        'failRate',
        'seed',
        'failStatus',
        'hang',
        'reset',
        'body',
        'headers',
        'keepCount',
        'keepDays',
      ].includes(key)
        ? key
        : 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Validates the form with the contract's own schemas; the rule when it passes, else messages per field. */
export function fromForm(form: RuleForm, checkSlug: boolean): { rule?: ResponseRule; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (checkSlug) {
    const slug = slugSchema.safeParse(form.slug);
    if (!slug.success) errors.slug = slug.error.issues[0].message;
  }
  const candidate = {
    status: parseNumber('status', form.status, errors),
    delayMs: parseNumber('delayMs', form.delayMs, errors),
    failFirst: parseNumber('failFirst', form.failFirst, errors),
    failRate: parseNumber('failRate', form.failRate, errors),
    seed: parseNumber('seed', form.seed, errors),
    failStatus: parseNumber('failStatus', form.failStatus, errors),
    hang: form.hang,
    reset: form.reset,
    body: form.defaultBody ? null : form.body,
    headers: parseHeaders(form.headers, errors),
  };
  const parsed = responseRuleSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const [field, message] of Object.entries(issuesToErrors(parsed.error.issues)))
      errors[field as FormField] ??= message;
  }
  return Object.keys(errors).length || !parsed.success ? { errors } : { rule: parsed.data, errors };
}

/** One line saying how an endpoint answers. */
export function describeRule(rule: ResponseRule): string {
  if (rule.reset) return 'resets the connection';
  if (rule.hang) return 'never answers (hang)';
  const parts = [`${rule.status}`];
  if (rule.delayMs) parts.push(`after ${rule.delayMs} ms`);
  if (rule.failFirst) parts.push(`fails first ${rule.failFirst} with ${rule.failStatus}`);
  if (rule.failRate)
    parts.push(`fails ${Math.round(rule.failRate * 1000) / 10}% with ${rule.failStatus} (seed ${rule.seed})`);
  if (rule.body !== null) parts.push('custom body');
  if (rule.headers.length) parts.push(`${rule.headers.length} header${rule.headers.length === 1 ? '' : 's'}`);
  return parts.join(' · ');
}
