import type { Command } from 'commander';
import { HookscopeError } from '../../shared/errors';
import { DEFAULT_RULE, responseRuleSchema, slugSchema, type Endpoint, type ResponseRule } from '../../shared/capture-types';
import { withApp, withData, withJson, type CommonOptions } from '../context';
import { printJson, printTable } from '../output';
import { floatArg, headerArg, intArg } from '../parse';

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

function ruleOptions(command: Command): Command {
  return command
    .option('--status <code>', 'status of the success answer (default 200)', intArg('--status', 100, 599))
    .option('--delay <ms>', 'wait this long before answering', intArg('--delay', 0, 600_000))
    .option('--fail-first <n>', 'answer the first N requests with --fail-status, then succeed', intArg('--fail-first', 0, 1_000_000))
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

export function endpointRows(list: Endpoint[]) {
  return list.map((e) => ({ slug: e.slug, rule: describeRule(e.rule), provider: e.provider ?? '', forward: e.forwardUrl ?? '' }));
}

export function registerEndpointCommands(program: Command): void {
  const endpoint = program.command('endpoint').description('create, list and change capture endpoints (/<slug>/...)');

  withJson(withData(ruleOptions(endpoint.command('create').description('create an endpoint and its response rule'))))
    .argument('<slug>', 'the path prefix: requests to /<slug>/... land here')
    .action(async (slug: string, options: CommonOptions & RuleFlags) => {
      const valid = slugSchema.safeParse(slug);
      if (!valid.success) throw new HookscopeError('BAD_INPUT', `slug "${slug}": ${valid.error.issues[0].message}`);
      const rule = applyRuleFlags(DEFAULT_RULE, options);
      await withApp(options, (app) => {
        const created = app.createEndpoint(slug, rule);
        if (options.json) printJson(created);
        else process.stdout.write(`created endpoint ${created.slug}: ${describeRule(created.rule)}\n`);
      });
    });

  withJson(withData(endpoint.command('list').description('list endpoints and their rules'))).action(async (options: CommonOptions) => {
    await withApp(options, (app) => {
      const list = app.endpoints.list();
      if (options.json) printJson(list);
      else printTable(endpointRows(list), ['slug', 'rule', 'provider', 'forward']);
    });
  });

  withJson(withData(ruleOptions(endpoint.command('set').description("change an endpoint's response rule"))))
    .argument('<slug>', 'the endpoint')
    .action(async (slug: string, options: CommonOptions & RuleFlags) => {
      await withApp(options, (app) => {
        const current = app.endpoints.get(slug);
        const updated = app.updateEndpoint(slug, { rule: applyRuleFlags(current.rule, options) });
        if (options.json) printJson(updated);
        else process.stdout.write(`endpoint ${updated.slug}: ${describeRule(updated.rule)}\n`);
      });
    });
}
