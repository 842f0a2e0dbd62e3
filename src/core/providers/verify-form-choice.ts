/**
 * Which of a provider's signature forms a request carries: the most specific
 * format first, forms sharing a header told apart by the URL, and the tokens
 * of every signature header of that form (Box's primary and secondary).
 */
import type { SignatureForm, SignatureVerdict, Diagnostic, ProviderDefinition } from '../../shared/providers';
import { documentedComparison } from './documented-handler';
import { defaultForm, schemeId } from './forms';
import { headerValues, type HeaderPairs } from './headers';
import { queryParam } from './request-url';
import type { ProbeContext } from './signature-match';
import { formatSpecificity, parseSignatureValue } from './signature-format';

export interface Chosen {
  form: SignatureForm;
  values: string[];
  tokens: string[];
  loose: ProbeContext['loose'];
  timestamp?: string;
  /** The header each token came from, where the form has extraSignatureHeaders (Box primary / secondary). */
  sources: string[];
}

export type Choice = { ok: true; chosen: Chosen } | { ok: false; verdict: SignatureVerdict };

/** Forms that share a header are told apart by the URL: one that carries its bodyHashQuery parameter (Twilio's JSON form) is tried first. */
function urlAffinity(form: SignatureForm, url: string | undefined): number {
  if (!form.bodyHashQuery) return 0;
  return url !== undefined && queryParam(url, form.bodyHashQuery) !== undefined ? -1 : 1;
}

export function chooseForm(provider: ProviderDefinition, headers: HeaderPairs, url?: string): Choice {
  const forms = provider.signature.forms
    .filter((f) => !f.bodyFields)
    .sort(
      (a, b) => formatSpecificity(a.format) - formatSpecificity(b.format) || urlAffinity(a, url) - urlAffinity(b, url),
    );
  const present = forms.filter((f) => headerValues(headers, f.header).length > 0);
  if (present.length === 0) {
    const names = [...new Set(forms.map((f) => f.header))].join(' or ');
    const throws = documentedComparison(provider)?.onThrow;
    const diagnostics: Diagnostic[] = throws
      ? [
          {
            code: 'documented-handler-throws',
            message: `The documented example hands the absent header (undefined) to Buffer.from, which throws: the handler fails with an error (a 500), not a 401.`,
          },
        ]
      : [];
    return {
      ok: false,
      verdict: {
        status: 'missing',
        scheme: schemeId(provider, defaultForm(provider)),
        detail: `The request has no ${names} header, so it is not signed.`,
        diagnostics,
      },
    };
  }
  let problem = '';
  for (const form of present) {
    const values = headerValues(headers, form.header);
    const parsed = values.map((v) => parseSignatureValue(form.format, v));
    const ok = parsed.flatMap((p) => (p.ok ? [p] : []));
    if (ok.length === 0) {
      if (!problem) problem = parsed[0].ok ? '' : parsed[0].problem;
      continue;
    }
    const tokens = ok.flatMap((p) => p.tokens);
    const sources = tokens.map(() => form.header);
    for (const extra of form.extraSignatureHeaders ?? []) {
      for (const value of headerValues(headers, extra)) {
        const more = parseSignatureValue(form.format, value);
        if (!more.ok) continue;
        tokens.push(...more.tokens);
        sources.push(...more.tokens.map(() => extra));
      }
    }
    return {
      ok: true,
      chosen: {
        form,
        values,
        tokens,
        loose: ok.flatMap((p) => p.loose),
        timestamp: ok.find((p) => p.timestamp)?.timestamp,
        sources,
      },
    };
  }
  const form = present[0];
  return {
    ok: false,
    verdict: {
      status: 'malformed',
      scheme: schemeId(provider, form),
      detail: `The ${form.header} header is malformed: ${problem}.`,
      received: headerValues(headers, form.header)[0],
      diagnostics: [],
    },
  };
}
