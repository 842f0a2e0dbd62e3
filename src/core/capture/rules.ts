import type { CaptureResponse, HeaderPair, ResponseRule } from '../../shared/capture-types';
import { mulberry32 } from '../random';

/** Per-endpoint memory a rule needs: how many requests it has seen, and its seeded dice. */
export interface RuleState {
  seen: number;
  random: () => number;
}

export function newRuleState(rule: ResponseRule): RuleState {
  return { seen: 0, random: mulberry32(rule.seed) };
}

const JSON_TYPE: HeaderPair = ['Content-Type', 'application/json'];

/**
 * Decides how to answer the next request to an endpoint. Pure apart from the
 * state it advances. A null body means the default body naming the capture id.
 */
export function planResponse(rule: ResponseRule, state: RuleState): CaptureResponse {
  state.seen += 1;
  if (rule.reset) return { kind: 'reset' };
  if (rule.hang) return { kind: 'hang' };
  const roll = state.random();
  const failing = state.seen <= rule.failFirst || (rule.failRate > 0 && roll < rule.failRate);
  if (failing) {
    const reason =
      state.seen <= rule.failFirst ? `fail-first ${state.seen}/${rule.failFirst}` : `fail-rate ${rule.failRate}`;
    return {
      kind: 'answered',
      status: rule.failStatus,
      headers: [JSON_TYPE],
      body: JSON.stringify({ ok: false, reason }),
      delayMs: rule.delayMs,
      reason,
    };
  }
  return answerOf(rule);
}

/**
 * A rule's answer when it does not fail: one frozen object per rule, so that a
 * request neither builds it nor has it serialized again for its row
 * (store/captures.ts). Rules are never changed in place: an edited endpoint is
 * read again as new objects.
 */
const answers = new WeakMap<ResponseRule, CaptureResponse>();

function answerOf(rule: ResponseRule): CaptureResponse {
  let answer = answers.get(rule);
  if (answer === undefined) {
    const headers = rule.headers.length ? rule.headers : [JSON_TYPE];
    answer = Object.freeze({
      kind: 'answered',
      status: rule.status,
      headers,
      body: rule.body as string,
      delayMs: rule.delayMs,
    });
    answers.set(rule, answer);
  }
  return answer;
}
