import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { HookscopeError } from '../../shared/errors';
import type { DeliveryAdapter } from './adapter';
import { parseTargetUrl } from './attempt';
import { isVariable } from './event-variants';
import { SCENARIOS, SCENARIO_IDS, type CheckRow, type ScenarioContext, type ScenarioId } from './scenarios';
import type { AttemptFn, DeliveryPolicy } from './types';
import type { CheckReport } from '../../shared/delivery-types';

export interface CheckInput {
  url: string;
  provider: string;
  eventType: string;
  /** The event to derive every scenario's events from (the provider's sample when omitted, if it makes one). */
  payload?: unknown;
  secret?: string;
  /**
   * A GET URL whose answer reflects what the handler did (a count of processed
   * events, a list of ids...). With it, duplicates are judged by their effect;
   * without it, by status only.
   */
  effectsUrl?: string;
  /** Events sent at once in the burst scenario (default 10). */
  burstSize?: number;
  /** Replaces the provider's response timeout for every request of the check. */
  timeoutMs?: number;
  /** Only these scenarios (default: all, in order). */
  scenarios?: ScenarioId[];
}

export type { CheckReport };

export interface CheckDeps {
  adapter: DeliveryAdapter;
  attempt: AttemptFn;
  clock: Clock;
  /** Tags for derived event ids; random by default. */
  tagPrefix?: string;
}

function effectsProbe(url: string, attempt: AttemptFn, policy: DeliveryPolicy): () => Promise<string> {
  parseTargetUrl(url);
  return async () => {
    const r = await attempt(url, { method: 'GET', headers: [], body: new Uint8Array() }, { timeoutMs: policy.timeoutMs, success: '2xx' });
    if (!r.ok) {
      throw new HookscopeError('BAD_INPUT', `the effects probe ${url} answered ${r.status ?? r.errorKind}`, { url });
    }
    return Buffer.from(r.responseBody).toString('utf8');
  };
}

/**
 * Runs the scenarios one after another against a handler and returns one row
 * each. A scenario that cannot run (the effects probe failed...) becomes a
 * row with pass: null and the reason, never an exception.
 */
export async function runHandlerCheck(input: CheckInput, deps: CheckDeps): Promise<CheckReport> {
  parseTargetUrl(input.url);
  const unknown = (input.scenarios ?? []).filter((id) => !(id in SCENARIOS));
  if (unknown.length) {
    throw new HookscopeError('BAD_INPUT', `unknown scenarios: ${unknown.join(', ')} (known: ${SCENARIO_IDS.join(', ')})`, { unknown });
  }
  const policy = { ...deps.adapter.policy(input.provider) };
  if (input.timeoutMs !== undefined) policy.timeoutMs = input.timeoutMs;
  const { body } = deps.adapter.createBody(input.provider, input.eventType, input.payload, deps.clock.now());
  const prefix = deps.tagPrefix ?? `chk${randomBytes(3).toString('hex')}`;
  let counter = 0;
  const ctx: ScenarioContext = {
    url: input.url,
    providerId: input.provider,
    eventType: input.eventType,
    body,
    secret: input.secret ?? '',
    adapter: deps.adapter,
    attempt: deps.attempt,
    policy,
    limits: deps.adapter.limits(input.provider),
    now: () => deps.clock.now(),
    observe: input.effectsUrl ? effectsProbe(input.effectsUrl, deps.attempt, policy) : undefined,
    burstSize: Math.max(1, input.burstSize ?? 10),
    tag: () => `${prefix}${++counter}`,
  };
  const notes: string[] = [];
  if (!isVariable(body)) {
    notes.push('the event body is not a JSON object: scenarios reuse it unchanged, so a deduplicating handler may see them as duplicates');
  }
  const rows: CheckRow[] = [];
  for (const id of input.scenarios ?? SCENARIO_IDS) {
    try {
      rows.push(await SCENARIOS[id](ctx));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rows.push({ scenario: id, title: id, expected: '-', actual: 'not run', pass: null, note: message });
    }
  }
  return {
    url: input.url,
    provider: input.provider,
    eventType: input.eventType,
    rows,
    passed: rows.filter((r) => r.pass === true).length,
    failed: rows.filter((r) => r.pass === false).length,
    notJudged: rows.filter((r) => r.pass === null).length,
    notes,
  };
}
