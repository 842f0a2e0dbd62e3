import { retentionSchema, type RetentionLimits } from '../../../src/shared/capture-types';

/** The retention part of the endpoint form as typed: empty is no limit. */
export interface RetentionForm {
  keepCount: string;
  keepDays: string;
}

export type RetentionField = keyof RetentionForm;
export type RetentionErrors = Partial<Record<RetentionField, string>>;

export function toRetentionForm(limits: RetentionLimits): RetentionForm {
  return {
    keepCount: limits.keepCount === null ? '' : String(limits.keepCount),
    keepDays: limits.keepDays === null ? '' : String(limits.keepDays),
  };
}

/** Empty is null (no limit); anything else must read as a number. */
function parseLimit(field: RetentionField, text: string, errors: RetentionErrors): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const n = Number(trimmed);
  if (!Number.isFinite(n)) errors[field] = 'must be a number (empty: no limit)';
  return n;
}

/** Validates the limits with the contract's own schema; the limits when they pass, else messages per field. */
export function fromRetentionForm(form: RetentionForm): { retention?: RetentionLimits; errors: RetentionErrors } {
  const errors: RetentionErrors = {};
  const candidate = {
    keepCount: parseLimit('keepCount', form.keepCount, errors),
    keepDays: parseLimit('keepDays', form.keepDays, errors),
  };
  const parsed = retentionSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (field === 'keepCount' || field === 'keepDays') errors[field] ??= issue.message;
    }
  }
  return Object.keys(errors).length || !parsed.success ? { errors } : { retention: parsed.data, errors };
}

const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** One line saying what an endpoint keeps: `keeps 1,000 · 7 days`, or `keeps all`. */
export function describeRetention(limits: RetentionLimits): string {
  const parts: string[] = [];
  if (limits.keepCount !== null) parts.push(count(limits.keepCount));
  if (limits.keepDays !== null) parts.push(`${count(limits.keepDays)} day${limits.keepDays === 1 ? '' : 's'}`);
  return parts.length ? `keeps ${parts.join(' · ')}` : 'keeps all';
}
