/**
 * User-defined providers: one JSON file per provider in a folder. Every
 * problem becomes an error naming the file, the field and the problem; a bad
 * file never stops the others from loading, and nothing here throws.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { MAX_JSON_DEPTH, jsonNestingDepth } from '../../shared/json-depth';
import { type ProviderDefinition, type ProviderFileError } from '../../shared/providers';
import { providerDefinitionSchema, toProviderDefinition } from '../../shared/provider-schema';
import { templateProblems } from './samples/template';

const MAX_FILE_BYTES = 1024 * 1024;

export interface UserProvidersResult {
  providers: ProviderDefinition[];
  errors: ProviderFileError[];
}

export interface LoadOptions {
  /** Ids already taken (the built-in providers). */
  reservedIds?: Iterable<string>;
}

function fieldOf(path: readonly PropertyKey[]): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else out += out ? `.${String(step)}` : String(step);
  }
  return out || '(file)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current = root;
  for (const step of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

function shortJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/** Turns a zod issue into one error with a plain-words problem. */
function describeIssue(file: string, raw: unknown, issue: z.core.$ZodIssue): ProviderFileError[] {
  const actual = valueAt(raw, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        file,
        field: fieldOf([...issue.path, key]),
        problem: 'is not a known field (a typo?)',
      }));
    case 'invalid_type':
      return [
        {
          file,
          field: fieldOf(issue.path),
          problem:
            actual === undefined
              ? `is required (${issue.expected})`
              : `must be ${issue.expected}, not ${kindOf(actual)}`,
        },
      ];
    case 'invalid_union': {
      const options =
        'options' in issue && Array.isArray(issue.options) ? (issue.options as unknown[]).map(String).join(', ') : '';
      if (options) {
        const problem =
          actual === undefined
            ? `is required (one of: ${options})`
            : `${shortJson(actual)} is not a known kind (one of: ${options})`;
        return [{ file, field: fieldOf(issue.path), problem }];
      }
      return [{ file, field: fieldOf(issue.path), problem: `does not match any allowed shape (${issue.message})` }];
    }
    case 'invalid_value':
      return [
        {
          file,
          field: fieldOf(issue.path),
          problem: `${shortJson(actual)} is not allowed (one of: ${issue.values.map((v) => String(v)).join(', ')})`,
        },
      ];
    case 'invalid_format':
    case 'custom':
      return [
        {
          file,
          field: fieldOf(issue.path),
          problem:
            actual === undefined || typeof actual === 'object'
              ? issue.message
              : `${shortJson(actual)} ${issue.message}`,
        },
      ];
    default:
      return [{ file, field: fieldOf(issue.path), problem: issue.message }];
  }
}

type FileResult = { provider?: ProviderDefinition; errors: ProviderFileError[] };

/** One file; whatever goes wrong inside becomes that file's error, so the others still load. */
function loadFile(path: string, file: string, taken: Set<string>): FileResult {
  try {
    return checkFile(path, file, taken);
  } catch (error) {
    return {
      errors: [
        {
          file,
          field: '(file)',
          problem: `could not be checked: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
}

function checkFile(path: string, file: string, taken: Set<string>): FileResult {
  let text: string;
  try {
    const size = statSync(path).size;
    if (size > MAX_FILE_BYTES)
      return {
        errors: [{ file, field: '(file)', problem: `is ${size} bytes; a provider file is at most ${MAX_FILE_BYTES}` }],
      };
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return {
      errors: [
        { file, field: '(file)', problem: `cannot be read: ${error instanceof Error ? error.message : String(error)}` },
      ],
    };
  }
  // Measured before parsing: the schema check, the template check and the
  // registry's freeze all walk the value recursively.
  if (jsonNestingDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    return {
      errors: [
        {
          file,
          field: '(file)',
          problem: `nests deeper than ${MAX_JSON_DEPTH} levels of arrays and objects (the most Hookscope accepts)`,
        },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return {
      errors: [
        {
          file,
          field: '(file)',
          problem: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const parsed = providerDefinitionSchema.safeParse(raw);
  if (!parsed.success) return { errors: parsed.error.issues.flatMap((issue) => describeIssue(file, raw, issue)) };
  const provider = toProviderDefinition(parsed.data);
  const errors: ProviderFileError[] = [];
  if (provider.kind !== 'user')
    errors.push({
      file,
      field: 'kind',
      problem: `"${provider.kind}" is reserved for built-in providers; use "user" or leave it out`,
    });
  if (taken.has(provider.id))
    errors.push({ file, field: 'id', problem: `"${provider.id}" is already used by another provider` });
  provider.events.forEach((event, i) => {
    if (event.sample === undefined) return;
    for (const p of templateProblems(event.sample)) {
      errors.push({
        file,
        field: `events[${i}].sample${p.path ? (p.path.startsWith('[') ? p.path : `.${p.path}`) : ''}`,
        problem: p.problem,
      });
    }
  });
  return errors.length > 0 ? { errors } : { provider, errors };
}

export function loadUserProviders(dir: string, options: LoadOptions = {}): UserProvidersResult {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { providers: [], errors: [] };
    return {
      providers: [],
      errors: [
        {
          file: basename(dir),
          field: '(folder)',
          problem: `cannot be listed: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  const taken = new Set(options.reservedIds ?? []);
  const providers: ProviderDefinition[] = [];
  const errors: ProviderFileError[] = [];
  for (const name of names) {
    const result = loadFile(join(dir, name), name, taken);
    errors.push(...result.errors);
    if (result.provider) {
      taken.add(result.provider.id);
      providers.push(result.provider);
    }
  }
  return { providers, errors };
}
