/** Small builders shared by the built-in definitions (they stay plain data). */
import type { ProviderHeader, SignatureForm } from '../../shared/providers';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export function jsonContentType(value = 'application/json'): ProviderHeader {
  return { name: 'Content-Type', description: 'The body is JSON.', value: { kind: 'static', value } };
}

export function signatureHeader(name: string, description: string): ProviderHeader {
  return { name, description, value: { kind: 'signature' } };
}

type FormInput = Omit<SignatureForm, 'algorithm' | 'secretEncoding' | 'signedContent'> &
  Partial<Pick<SignatureForm, 'secretEncoding' | 'signedContent'>>;

/** An HMAC-SHA256 form; the body is signed raw and the secret used as UTF-8 unless told otherwise. */
export function hmacForm(input: FormInput): SignatureForm {
  return {
    algorithm: 'hmac-sha256',
    secretEncoding: 'utf8',
    signedContent: { template: '{body}', bodyForms: ['raw'] },
    ...input,
  };
}
