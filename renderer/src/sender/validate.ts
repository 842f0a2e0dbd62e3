import type { ApiArgs } from '../../../src/shared/api';
import { checkJson } from './json-check';

/** The sender form as typed. */
export interface SenderForm {
  provider: string;
  eventType: string;
  payload: string;
  /** The seed of the last sample, editable to load another. */
  seed: string;
  /** Empty: the sender generates one and returns it. */
  secret: string;
  url: string;
  /** Empty: the provider's timeout. */
  timeoutMs: string;
  /** Send the text as typed; by default it goes out as compact JSON, as providers send. */
  exact: boolean;
}

export type SenderField = keyof SenderForm;
export type SenderErrors = Partial<Record<SenderField | 'form', string>>;

export const MAX_TIMEOUT_MS = 600_000;

function checkUrl(text: string): string | undefined {
  if (text.trim() === '') return 'required: the URL of the handler to send to';
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? undefined : 'an http:// or https:// URL';
  } catch {
    return 'not a URL (e.g. http://127.0.0.1:3000/webhooks)';
  }
}

function checkTimeout(text: string): string | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text.trim());
  return Number.isInteger(n) && n >= 1 && n <= MAX_TIMEOUT_MS
    ? undefined
    : `whole milliseconds from 1 to ${MAX_TIMEOUT_MS}, or empty for the provider's`;
}

/** The arguments of sender.send when the form is sound, else messages per field. */
export function toSendArgs(form: SenderForm): { args?: ApiArgs<'sender.send'>; errors: SenderErrors } {
  const errors: SenderErrors = {};
  if (!form.provider) errors.provider = 'choose a provider';
  if (!form.eventType) errors.eventType = 'choose an event';
  const url = checkUrl(form.url);
  if (url) errors.url = url;
  const json = checkJson(form.payload);
  if (json) errors.payload = json.message;
  const timeout = checkTimeout(form.timeoutMs);
  if (timeout) errors.timeoutMs = timeout;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    args: {
      provider: form.provider,
      eventType: form.eventType,
      url: form.url.trim(),
      payload: form.exact ? form.payload : JSON.stringify(JSON.parse(form.payload)),
      ...(form.secret !== '' ? { secret: form.secret } : {}),
      ...(form.timeoutMs.trim() !== '' ? { timeoutMs: Number(form.timeoutMs.trim()) } : {}),
    },
  };
}

/** The arguments of sender.check: the same provider, URL and event, and a secret, which the check cannot do without. */
export function toCheckArgs(
  form: SenderForm,
  effectsUrl: string,
): { args?: ApiArgs<'sender.check'>; errors: SenderErrors & { effectsUrl?: string } } {
  const errors: SenderErrors & { effectsUrl?: string } = {};
  if (!form.provider) errors.provider = 'choose a provider';
  const url = checkUrl(form.url);
  if (url) errors.url = url;
  if (form.secret === '')
    errors.secret = 'the handler check signs with the secret your handler verifies with: enter it';
  const effects = effectsUrl.trim() === '' ? undefined : checkUrl(effectsUrl);
  if (effects) errors.effectsUrl = effects;
  if (Object.keys(errors).length > 0) return { errors };
  return {
    errors,
    args: {
      provider: form.provider,
      url: form.url.trim(),
      secret: form.secret,
      ...(form.eventType ? { eventType: form.eventType } : {}),
      ...(effectsUrl.trim() ? { effectsUrl: effectsUrl.trim() } : {}),
    },
  };
}
