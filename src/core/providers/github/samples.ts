import type { JsonObject } from '../../../shared/providers';
import { HookscopeError } from '../../../shared/errors';
import type { SampleGenerator } from '../catalog-entry';
import { renderTemplate } from '../samples/template';
import { githubTemplate } from './examples';

/** GitHub's published example for the event.action, its event time at the send instant (the seed changes nothing: ids are GitHub's own). */
export const githubSample: SampleGenerator = (eventType, rng, ctx): JsonObject => {
  const template = githubTemplate(eventType);
  if (!template) throw new HookscopeError('EVENT_UNKNOWN', `GitHub has no event type "${eventType}".`);
  return renderTemplate(template, { rng, eventType, timeMs: ctx.nowMs });
};
