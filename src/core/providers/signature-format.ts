/** Writing and reading a signature header's value for each format. */
import type { SignatureFormat } from '../../shared/providers';

export function formatSignatureValue(format: SignatureFormat, digest: string, timestamp: string | undefined): string {
  switch (format.kind) {
    case 'plain':
      return digest;
    case 'prefixed':
      return `${format.prefix}${digest}`;
    case 'kv':
      return `${format.timestampKey}=${timestamp ?? ''}${format.separator ?? ','}${format.signatureKey}=${digest}`;
    case 'versioned-list':
      return `${format.version},${digest}`;
  }
}

export type ParsedSignature =
  | {
      ok: true;
      /** Digest tokens a documented handler accepts. */
      tokens: string[];
      /** Tokens accepted only after forgiving a prefix mistake: `sha256=` dropped or added. */
      loose: { token: string; mistake: 'prefix-dropped' | 'prefix-added'; prefix: string }[];
      /** From the value itself (kv format). */
      timestamp?: string;
    }
  | { ok: false; problem: string };

const KNOWN_PREFIX = /^(sha256=|sha1=|v0=|v1=|v1,)/;

export function parseSignatureValue(format: SignatureFormat, raw: string): ParsedSignature {
  const value = raw.trim();
  if (value.length === 0) return { ok: false, problem: 'the header is empty' };
  switch (format.kind) {
    case 'plain': {
      if (/[\s,]/.test(value))
        return { ok: false, problem: 'a bare digest was expected, but the value has spaces or commas' };
      const prefix = KNOWN_PREFIX.exec(value)?.[1];
      if (prefix)
        return {
          ok: true,
          tokens: [],
          loose: [{ token: value.slice(prefix.length), mistake: 'prefix-added', prefix }],
        };
      return { ok: true, tokens: [value], loose: [] };
    }
    case 'prefixed': {
      // A prefix may itself hold a space (`Bearer `): only the rest must have none.
      if (/\s/.test(value.startsWith(format.prefix) ? value.slice(format.prefix.length) : value))
        return { ok: false, problem: `"${format.prefix}<digest>" was expected, but the value has spaces` };
      // Several signatures, each with the prefix, comma-separated (PagerDuty's `v1=<hex>,v1=<hex>` during a secret rotation).
      const parts = value.split(',');
      if (parts.length > 1 && parts.every((p) => p.startsWith(format.prefix) && p.length > format.prefix.length))
        return { ok: true, tokens: parts.map((p) => p.slice(format.prefix.length)), loose: [] };
      if (value.startsWith(format.prefix)) return { ok: true, tokens: [value.slice(format.prefix.length)], loose: [] };
      return { ok: true, tokens: [], loose: [{ token: value, mistake: 'prefix-dropped', prefix: format.prefix }] };
    }
    case 'kv': {
      let timestamp: string | undefined;
      const tokens: string[] = [];
      for (const part of value.split(format.separator ?? ',')) {
        const eq = part.indexOf('=');
        if (eq <= 0) return { ok: false, problem: `"${part.trim()}" is not a key=value pair` };
        const key = part.slice(0, eq).trim();
        const item = part.slice(eq + 1).trim();
        if (key === format.timestampKey) timestamp = item;
        else if (key === format.signatureKey) tokens.push(item);
      }
      if (timestamp === undefined) return { ok: false, problem: `there is no ${format.timestampKey}= entry` };
      if (!/^\d+$/.test(timestamp))
        return { ok: false, problem: `the timestamp "${timestamp}" is not a whole number of seconds` };
      if (tokens.length === 0) return { ok: false, problem: `there is no ${format.signatureKey}= entry` };
      return { ok: true, tokens, loose: [], timestamp };
    }
    case 'versioned-list': {
      const tokens: string[] = [];
      for (const entry of value.split(/\s+/)) {
        const comma = entry.indexOf(',');
        if (comma <= 0) return { ok: false, problem: `"${entry}" is not a <version>,<signature> entry` };
        if (entry.slice(0, comma) === format.version) tokens.push(entry.slice(comma + 1));
      }
      if (tokens.length === 0) return { ok: false, problem: `there is no ${format.version},<signature> entry` };
      return { ok: true, tokens, loose: [] };
    }
  }
}

/** Forms are tried most specific first, so `t=..,v1=..` is not mistaken for a bare digest. */
export function formatSpecificity(format: SignatureFormat): number {
  return { kv: 0, 'versioned-list': 1, prefixed: 2, plain: 3 }[format.kind];
}
