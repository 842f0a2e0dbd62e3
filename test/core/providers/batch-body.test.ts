/**
 * A provider that posts its events in a batch (SendGrid: a JSON array): the
 * sample the API hands the Sender's editor is the body as posted, so an edited
 * sample is sent as an array too, and a capture of it is attributed to the
 * provider and event type through the array's first element.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createApiHandlers } from '../../../src/core/api';
import { createApp } from '../../../src/core/app';
import { getPath } from '../../../src/core/providers/json-path';
import { tempDir } from '../../helpers/temp-dir';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('batch bodies', () => {
  it("providers.sample gives SendGrid's array of one event, and other providers' objects unchanged", async () => {
    const dir = tempDir();
    const app = createApp({ dataDir: dir.path });
    cleanups.push(
      () => dir.remove(),
      () => app.close(),
    );
    const api = createApiHandlers(app, { version: 'test', captureUrl: () => null });
    const sample = await api['providers.sample']({ provider: 'sendgrid', eventType: 'delivered', seed: 3 });
    expect(Array.isArray(sample)).toBe(true);
    expect(sample).toEqual([
      expect.objectContaining({ event: 'delivered', email: expect.stringMatching(/@example\.com$/) }),
    ]);
    const other = await api['providers.sample']({ provider: 'checkout', eventType: 'payment_captured', seed: 3 });
    expect(Array.isArray(other)).toBe(false);
    expect(other).toMatchObject({ type: 'payment_captured' });
  });

  it('a digit segment reads an element of an array; names still never index one', () => {
    const body = [{ event: 'open', nested: [{ id: 'a' }] }];
    expect(getPath(body, '0.event')).toBe('open');
    expect(getPath(body, '0.nested[0].id')).toBe('a');
    expect(getPath(body, '0.nested.0.id')).toBe('a');
    expect(getPath(body, '1.event')).toBeUndefined();
    expect(getPath(body, 'length')).toBeUndefined();
    expect(getPath({ 0: 'zero' }, '0')).toBe('zero');
  });
});
