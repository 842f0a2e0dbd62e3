import type { CheckRow } from '../../shared/delivery-types';
import { eventIdOf } from './adapter';
import { answer, type ScenarioContext } from './scenario-context';
import { judged } from './send-claimed';
import { judgeHandshakeAnswer } from '../providers/handshake-answer';

/**
 * The provider's handshake (Zoom's URL validation, Twitch's and Slack's
 * challenges, Asana's X-Hook-Secret, Dropbox's GET ?challenge=), sent as the
 * provider sends it before any event, and the answer judged as the provider
 * judges it: the row says what exactly was wrong.
 */
export async function handshakeScenario(ctx: ScenarioContext): Promise<CheckRow> {
  const info = ctx.adapter.handshakes?.(ctx.providerId);
  const handshake = info?.handshakes[0];
  if (!handshake) {
    return {
      scenario: 'handshake',
      title: "The provider's handshake",
      expected: 'not applicable',
      actual: 'not sent',
      pass: null,
      note: `${ctx.providerId} has no handshake`,
    };
  }
  const at = ctx.now();
  const { body } = ctx.adapter.createBody(ctx.providerId, handshake.eventType, undefined, at);
  const request = ctx.adapter.prepare({
    providerId: ctx.providerId,
    eventType: handshake.eventType,
    body,
    secret: ctx.secret,
    eventId: eventIdOf(body),
    attempt: 1,
    providerNowMs: at,
    realNowMs: at,
  });
  const url = ctx.adapter.handshakeUrl?.(ctx.providerId, handshake.eventType, ctx.url, body) ?? ctx.url;
  const timeoutMs = handshake.timeoutMs ?? ctx.policy.timeoutMs;
  const raw = await ctx.attempt(url, request, { timeoutMs, success: ctx.policy.success });
  const r = request.handshake ? judged(raw, request.handshake) : raw;
  const expect = request.handshake;
  // Recommended parts the answer lacks (Dropbox's nosniff): named, not failed.
  const advice =
    expect && raw.status !== null
      ? judgeHandshakeAnswer(expect, { status: raw.status, headers: raw.responseHeaders, body: raw.responseBody })
          .advisories
      : [];
  return {
    scenario: 'handshake',
    title: `The ${handshake.eventType} handshake (${request.method}${url === ctx.url ? '' : ' with a query'})`,
    expected: expect ? `${expect.summary}, within ${timeoutMs} ms` : 'a right answer',
    actual: r.ok ? `${answer(r)}, answered right` : r.errorKind === 'handshake' ? `${r.status}, wrong` : answer(r),
    pass: r.ok,
    note: r.ok
      ? advice.length
        ? `advice: ${advice.join('; ')}`
        : undefined
      : `${r.errorMessage ?? answer(r)}. ${handshake.afterFailure}${advice.length ? ` Also: ${advice.join('; ')}` : ''}`,
  };
}
