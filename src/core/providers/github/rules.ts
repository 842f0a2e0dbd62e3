import type { Checker } from '../rules/check';
import { actionOf } from './examples';

/** Events GitHub sends without a `sender` (advisories come from the GitHub Advisory Database, not a user). */
const WITHOUT_SENDER = new Set(['security_advisory']);

/** The body's `action` is the action of the event type (X-GitHub-Event carries the event name); a user sent it. */
export function checkGithub(c: Checker, eventType: string): void {
  const action = actionOf(eventType);
  if (action !== undefined) c.str('action', { oneOf: [action] });
  const event = eventType.split('.')[0];
  if (!WITHOUT_SENDER.has(event)) {
    c.obj('sender');
    c.str('sender.login');
  }
}
