import { randomBytes } from 'node:crypto';
import type { Clock } from '../clock';
import { HookscopeError } from '../../shared/errors';
import type { DeliveryAdapter } from './adapter';
import { parseTargetUrl } from './attempt';
import { eventVariant, isVariable } from './event-variants';
import {
  SCENARIOS,
  SCENARIO_IDS,
  SIGNATURE_SCENARIOS,
  type CheckRow,
  type ScenarioContext,
  type ScenarioId,
} from './scenarios';
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
  /** Seed of derived event ids; random by default. */
  tagPrefix?: string;
}

function effectsProbe(url: string, attempt: AttemptFn, policy: DeliveryPolicy): () => Promise<string> {
  parseTargetUrl(url);
  return async () => {
    const r = await attempt(
      url,
      { method: 'GET', headers: [], body: new Uint8Array() },
      { timeoutMs: policy.timeoutMs, success: '2xx' },
    );
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
    throw new HookscopeError(
      'BAD_INPUT',
      `unknown scenarios: ${unknown.join(', ')} (known: ${SCENARIO_IDS.join(', ')})`,
      { unknown },
    );
  }
  const policy = { ...deps.adapter.policy(input.provider) };
  if (input.timeoutMs !== undefined) policy.timeoutMs = input.timeoutMs;
  const handshakes = deps.adapter.handshakes?.(input.provider);
  const notes: string[] = [];
  // A handshake is a row of its own; the other scenarios are built from an event.
  if (handshakes?.handshakes.some((h) => h.eventType === input.eventType) && input.payload === undefined) {
    notes.push(
      `${input.eventType} is a handshake: it is checked in the handshake row, and the other scenarios use ${handshakes.firstRegularEvent}`,
    );
    input = { ...input, eventType: handshakes.firstRegularEvent };
  }
  const { body } = deps.adapter.createBody(input.provider, input.eventType, input.payload, deps.clock.now());
  const prefix = deps.tagPrefix ?? `chk${randomBytes(3).toString('hex')}`;
  const idFields = deps.adapter.idFields?.(input.provider);
  const typeFields = deps.adapter.typeFields?.(input.provider);
  const typePairs = deps.adapter.typePairs?.(input.provider);
  const forms = deps.adapter.forms?.(input.provider) ?? [];
  let counter = 0;
  const problems = deps.adapter.problems;
  const breaksRules = (variant: Uint8Array): boolean => {
    if (!problems || !isVariable(variant)) return false;
    const parse = (b: Uint8Array) => JSON.parse(new TextDecoder().decode(b)) as unknown;
    return (
      problems(input.provider, input.eventType, parse(variant)).length >
      problems(input.provider, input.eventType, parse(body)).length
    );
  };
  const base: ScenarioContext = {
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
    sleep: (ms) => new Promise<void>((resolve) => deps.clock.setTimer(ms, resolve)),
    observe: input.effectsUrl ? effectsProbe(input.effectsUrl, deps.attempt, policy) : undefined,
    burstSize: Math.max(1, input.burstSize ?? 10),
    // Each event its own ids and its own second, so distinct events never look like duplicates of each other;
    // unless moving its time breaks the provider's rules (ClickDefender's daily summary is sent at midnight).
    event: (options = {}) => {
      const n = ++counter;
      const eventType = options.eventType ? { from: input.eventType, to: options.eventType } : undefined;
      const shiftMs = options.shiftMs ?? 0;
      const moved = eventVariant(body, `${prefix}${n}`, {
        idFields,
        shiftMs: shiftMs - n * 1000,
        eventType,
        typeFields,
        typePairs,
      });
      if (eventType || !breaksRules(moved)) return moved;
      // Whole days, every date with them: another day's summary.
      const otherDay = eventVariant(body, `${prefix}${n}`, { idFields, shiftMs, everyDateMs: -n * 86_400_000 });
      return breaksRules(otherDay) ? eventVariant(body, `${prefix}${n}`, { idFields, shiftMs }) : otherDay;
    },
  };
  if (!isVariable(body)) {
    notes.push(
      'the event body is not a JSON object: scenarios reuse it unchanged, so a deduplicating handler may see them as duplicates',
    );
  }
  if (!input.effectsUrl) {
    notes.push(
      'no effects probe: whether a duplicate, a retry or a timed-out event was processed twice cannot be seen, so those rows are not judged unless an answer is wrong',
    );
  }
  // The signature scenarios run in every form of a provider that has several (LRDefender: timestamped, then plain).
  const runs: { id: ScenarioId; form?: string }[] = [];
  const selected = input.scenarios ?? SCENARIO_IDS.filter((id) => id !== 'handshake' || handshakes?.handshakes.length);
  for (const id of selected)
    runs.push({ id, form: forms.length > 1 && SIGNATURE_SCENARIOS.includes(id) ? forms[0] : undefined });
  for (const form of forms.slice(1)) {
    for (const id of selected) if (SIGNATURE_SCENARIOS.includes(id)) runs.push({ id, form });
  }
  const rows: CheckRow[] = [];
  for (const run of runs) {
    const ctx = { ...base, form: run.form };
    try {
      const row = await SCENARIOS[run.id](ctx);
      rows.push(run.form ? { ...row, form: run.form, title: `${row.title} [${run.form} signature]` } : row);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      rows.push({
        scenario: run.id,
        ...(run.form ? { form: run.form } : {}),
        title: run.id,
        expected: '-',
        actual: 'not run',
        pass: null,
        note: message,
      });
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
