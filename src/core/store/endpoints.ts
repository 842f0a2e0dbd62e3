import type { Database } from 'better-sqlite3';
import { HookscopeError } from '../../shared/errors';
import { DEFAULT_RULE, responseRuleSchema, type Endpoint, type ResponseRule } from '../../shared/capture-types';

interface EndpointRow {
  id: number;
  slug: string;
  created_at: number;
  rule: string;
  provider: string | null;
  forward_url: string | null;
  forward_mode: string;
  keep_count: number | null;
  keep_days: number | null;
}

function parseRule(text: string): ResponseRule {
  try {
    const parsed = responseRuleSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_RULE;
  } catch {
    return DEFAULT_RULE;
  }
}

/** Most distinct rule texts kept parsed by one repository. */
export const PARSED_RULES_KEPT = 256;

function toEndpoint(row: EndpointRow, rule: (text: string) => ResponseRule): Endpoint {
  return {
    id: row.id,
    slug: row.slug,
    createdAt: new Date(row.created_at).toISOString(),
    rule: rule(row.rule),
    provider: row.provider,
    forwardUrl: row.forward_url,
    forwardMode: row.forward_mode === 'proxy' ? 'proxy' : 'rule',
    retention: { keepCount: row.keep_count ?? null, keepDays: row.keep_days ?? null },
  };
}

export interface EndpointPatch {
  rule?: ResponseRule;
  provider?: string | null;
  forwardUrl?: string | null;
  forwardMode?: 'rule' | 'proxy';
}

export type EndpointRepo = ReturnType<typeof createEndpointRepo>;

/** All SQL about endpoints. */
export function createEndpointRepo(db: Database, now: () => number = Date.now) {
  const selectAll = db.prepare<[], EndpointRow>('SELECT * FROM endpoints ORDER BY id');
  const selectBySlug = db.prepare<[string], EndpointRow>('SELECT * FROM endpoints WHERE slug = ?');
  const insert = db.prepare('INSERT INTO endpoints (slug, created_at, rule, provider) VALUES (?, ?, ?, ?)');
  /**
   * Rules parsed by their stored text: the analysis lists every endpoint for
   * each batch of captures, and validating each rule was most of that (about
   * 20 us an endpoint, per batch, paid per capture when batches are small).
   * The same text always parses to the same rule; like DEFAULT_RULE, it is shared.
   */
  const parsed = new Map<string, ResponseRule>();
  const ruleOf = (text: string): ResponseRule => {
    let rule = parsed.get(text);
    if (rule === undefined) {
      if (parsed.size >= PARSED_RULES_KEPT) parsed.clear();
      rule = parseRule(text);
      parsed.set(text, rule);
    }
    return rule;
  };
  const endpointOf = (row: EndpointRow) => toEndpoint(row, ruleOf);

  function find(slug: string): Endpoint | undefined {
    const row = selectBySlug.get(slug);
    return row ? endpointOf(row) : undefined;
  }

  function get(slug: string): Endpoint {
    const found = find(slug);
    if (!found) throw new HookscopeError('ENDPOINT_NOT_FOUND', `no endpoint named "${slug}"`, { slug });
    return found;
  }

  return {
    list(): Endpoint[] {
      return selectAll.all().map(endpointOf);
    },
    find,
    get,
    create(slug: string, rule: ResponseRule = DEFAULT_RULE, provider: string | null = null): Endpoint {
      if (find(slug))
        throw new HookscopeError('ENDPOINT_EXISTS', `an endpoint named "${slug}" already exists`, { slug });
      insert.run(slug, now(), JSON.stringify(rule), provider);
      return get(slug);
    },
    update(slug: string, patch: EndpointPatch): Endpoint {
      const current = get(slug);
      db.prepare('UPDATE endpoints SET rule = ?, provider = ?, forward_url = ?, forward_mode = ? WHERE id = ?').run(
        JSON.stringify(patch.rule ?? current.rule),
        patch.provider === undefined ? current.provider : patch.provider,
        patch.forwardUrl === undefined ? current.forwardUrl : patch.forwardUrl,
        patch.forwardMode ?? current.forwardMode,
        current.id,
      );
      return get(slug);
    },
  };
}
