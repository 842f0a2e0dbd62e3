import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import {
  DEFAULT_RULE,
  KEEP_COUNT_MAX,
  KEEP_DAYS_MAX,
  KEEP_DAYS_MIN,
  responseRuleSchema,
  slugSchema,
  type Endpoint,
  type ResponseRule,
} from '../../shared/capture-types';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson, printLines, printTable } from '../output';
import { collect, floatArg, headerArg, intArg } from '../parse';
import type { AppSurface } from '../../core/app';

interface RuleFlags {
  status?: number;
  delay?: number;
  failFirst?: number;
  failRate?: number;
  failStatus?: number;
  seed?: number;
  hang?: boolean;
  reset?: boolean;
  body?: string;
  header?: [string, string][];
}

interface RetentionFlags {
  keep?: number | 'none';
  keepDays?: number | 'none';
}

interface BindingFlags {
  provider?: string;
  secret?: string[];
  clearSecrets?: boolean;
}

function ruleOptions(command: Command): Command {
  return command
    .option('--status <code>', 'status of the success answer (default 200)', intArg('--status', 100, 599))
    .option('--delay <ms>', 'wait this long before answering', intArg('--delay', 0, 600_000))
    .option(
      '--fail-first <n>',
      'answer the first N requests with --fail-status, then succeed',
      intArg('--fail-first', 0, 1_000_000),
    )
    .option('--fail-rate <p>', 'fail each request with probability P (0..1), seeded', floatArg('--fail-rate', 0, 1))
    .option('--fail-status <code>', 'status of a failure answer (default 500)', intArg('--fail-status', 100, 599))
    .option('--seed <n>', 'seed for --fail-rate', intArg('--seed', -2147483648, 2147483647))
    .option('--hang', 'never answer (to test a sender timeout)')
    .option('--no-hang', 'answer again')
    .option('--reset', 'destroy the connection without answering')
    .option('--no-reset', 'answer again')
    .option('--body <text>', 'body of the success answer (default: JSON naming the capture id)')
    .option('--header <header>', 'header of the success answer, "Name: value" (repeatable)', headerArg);
}

/** Merges flags over a rule; validates the result against the one schema. */
export function applyRuleFlags(base: ResponseRule, flags: RuleFlags): ResponseRule {
  const merged = {
    ...base,
    ...(flags.status !== undefined && { status: flags.status }),
    ...(flags.delay !== undefined && { delayMs: flags.delay }),
    ...(flags.failFirst !== undefined && { failFirst: flags.failFirst }),
    ...(flags.failRate !== undefined && { failRate: flags.failRate }),
    ...(flags.failStatus !== undefined && { failStatus: flags.failStatus }),
    ...(flags.seed !== undefined && { seed: flags.seed }),
    ...(flags.hang !== undefined && { hang: flags.hang }),
    ...(flags.reset !== undefined && { reset: flags.reset }),
    ...(flags.body !== undefined && { body: flags.body }),
    ...(flags.header !== undefined && { headers: flags.header }),
  };
  const parsed = responseRuleSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HookscopeError('BAD_INPUT', `rule.${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

function describeRule(rule: ResponseRule): string {
  const parts: string[] = [];
  if (rule.reset) parts.push('reset');
  else if (rule.hang) parts.push('hang');
  else parts.push(String(rule.status));
  if (rule.delayMs) parts.push(`delay ${rule.delayMs}ms`);
  if (rule.failFirst) parts.push(`fail first ${rule.failFirst} with ${rule.failStatus}`);
  if (rule.failRate) parts.push(`fail ${Math.round(rule.failRate * 100)}% with ${rule.failStatus} (seed ${rule.seed})`);
  return parts.join(', ');
}

/** A retention flag's value: a number, or "none" for no limit (commander turns a null result into ''). */
function limitArg(parse: (value: string) => number) {
  return (value: string): number | 'none' => (value.trim().toLowerCase() === 'none' ? 'none' : parse(value));
}

/** A flag left out keeps the limit (undefined); "none" lifts it (null). */
function limitOf(flag: number | 'none' | undefined): number | null | undefined {
  return flag === 'none' ? null : flag;
}

function retentionOptions(command: Command): Command {
  return command
    .option(
      '--keep <n>',
      'keep only the newest N captures of this endpoint ("none": no limit)',
      limitArg(intArg('--keep', 1, KEEP_COUNT_MAX)),
    )
    .option(
      '--keep-days <days>',
      'delete captures older than this many days ("none": no limit)',
      limitArg(floatArg('--keep-days', KEEP_DAYS_MIN, KEEP_DAYS_MAX)),
    );
}

/** Applies --keep and --keep-days through the app, as the API does; a running serve trims in the background from its next step. */
function applyRetention(app: AppSurface, slug: string, flags: RetentionFlags): void {
  if (flags.keep === undefined && flags.keepDays === undefined) return;
  app.endpoints.update(slug, { retention: { keepCount: limitOf(flags.keep), keepDays: limitOf(flags.keepDays) } });
}

function describeLimits(limits: { keepCount: number | null; keepDays: number | null }): string {
  const parts: string[] = [];
  if (limits.keepCount !== null) parts.push(`newest ${limits.keepCount}`);
  if (limits.keepDays !== null) parts.push(`${limits.keepDays} d`);
  return parts.join(', ');
}

function keepNote(e: Endpoint): string {
  const limits = describeLimits(e.retention);
  return limits ? `; keeps ${limits}` : '';
}

function bindingOptions(command: Command): Command {
  return command
    .option('--provider <id>', 'attribute every capture here to this provider ("none" to unbind)')
    .option('--secret <secret>', 'a signing secret to verify with (repeatable; several at once for rotation)', collect)
    .option('--clear-secrets', 'remove the secrets set before');
}

/** Applies --provider and --secret; verdicts of the endpoint's captures are recomputed. */
function applyBinding(app: AppSurface, slug: string, flags: BindingFlags): void {
  if (flags.provider !== undefined) {
    const provider = flags.provider === 'none' ? null : app.providers.require(flags.provider).id;
    app.endpoints.update(slug, { provider });
  }
  if (flags.clearSecrets || flags.secret?.length) {
    app.secrets.set(slug, flags.secret ?? [], flags.clearSecrets ? 'replace' : 'add');
  }
  if (flags.provider !== undefined || flags.clearSecrets || flags.secret?.length) app.analysis.analyzeAll();
}

/** How many secrets, naming those only the desktop app can read (sealed with its OS keychain). */
function secretsCell(app: AppSurface, id: number): string {
  const readable = app.secrets.list(id).length;
  const sealed = app.secrets.unreadable(id);
  if (sealed === 0) return readable ? String(readable) : '';
  return `${readable + sealed} (${sealed} sealed by the desktop app)`;
}

export function endpointRows(list: Endpoint[], secretCount: (id: number) => number | string) {
  return list.map((e) => ({
    slug: e.slug,
    rule: describeRule(e.rule),
    provider: e.provider ?? '',
    secrets: secretCount(e.id) || '',
    forward: e.forwardUrl ?? '',
    keep: describeLimits(e.retention),
  }));
}

/** An endpoint as printed with --json: never its secrets, only how many. */
function endpointJson(app: AppSurface, e: Endpoint) {
  return { ...e, secretCount: app.secrets.list(e.id).length + app.secrets.unreadable(e.id) };
}

export function registerEndpointCommands(program: Command): void {
  const endpoint = program.command('endpoint').description('create, list and change capture endpoints (/<slug>/...)');

  withJson(
    withData(
      retentionOptions(
        bindingOptions(ruleOptions(endpoint.command('create').description('create an endpoint and its response rule'))),
      ),
    ),
  )
    .argument('<slug>', 'the path prefix: requests to /<slug>/... land here')
    .action(async (slug: string, options: CommonOptions & RuleFlags & BindingFlags & RetentionFlags) => {
      const valid = slugSchema.safeParse(slug);
      if (!valid.success) throw new HookscopeError('BAD_INPUT', `slug "${slug}": ${valid.error.issues[0].message}`);
      const rule = applyRuleFlags(DEFAULT_RULE, options);
      await withApp(options, (app) => {
        if (options.provider !== undefined && options.provider !== 'none') app.providers.require(options.provider);
        app.endpoints.create(slug, rule);
        applyBinding(app, slug, options);
        applyRetention(app, slug, options);
        const created = app.endpoints.get(slug);
        if (options.json) printJson(endpointJson(app, created));
        else
          printLines([
            `created endpoint ${created.slug}: ${describeRule(created.rule)}${created.provider ? `, provider ${created.provider}` : ''}${keepNote(created)}`,
          ]);
      });
    });

  withJson(withData(endpoint.command('list').description('list endpoints and their rules'))).action(
    async (options: CommonOptions) => {
      await withApp(options, (app) => {
        const list = app.endpoints.list();
        if (options.json) printJson(list.map((e) => endpointJson(app, e)));
        else
          printTable(
            endpointRows(list, (id) => secretsCell(app, id)),
            ['slug', 'rule', 'provider', 'secrets', 'forward', 'keep'],
          );
      });
    },
  );

  withJson(
    withData(
      retentionOptions(
        bindingOptions(
          ruleOptions(
            endpoint.command('set').description("change an endpoint's response rule, provider, secrets or retention"),
          ),
        ),
      ),
    ),
  )
    .argument('<slug>', 'the endpoint')
    .action(async (slug: string, options: CommonOptions & RuleFlags & BindingFlags & RetentionFlags) => {
      await withApp(options, (app) => {
        const current = app.endpoints.get(slug);
        if (options.provider !== undefined && options.provider !== 'none') app.providers.require(options.provider);
        const rule = applyRuleFlags(current.rule, options);
        app.endpoints.update(slug, { rule });
        applyBinding(app, slug, options);
        applyRetention(app, slug, options);
        const updated = app.endpoints.get(slug);
        if (options.json) printJson(endpointJson(app, updated));
        else printLines([`endpoint ${updated.slug}: ${describeRule(updated.rule)}${keepNote(updated)}`]);
      });
    });
}
