/** The pickers that scale to the whole catalog: providers searched by name, events grouped by resource. */
import { describe, expect, it } from 'vitest';
import { BUILTIN_PROVIDERS } from '../../../src/core/providers';
import { groupEventTypes, matchProviders, resourceOf } from '../../../renderer/src/sender/picker';

const ids = (list: { id: string }[]) => list.map((p) => p.id);

describe('matchProviders', () => {
  it('finds by any part of the name or id, in any case, every word required', () => {
    expect(ids(matchProviders(BUILTIN_PROVIDERS, 'cler'))).toEqual(['clerk']);
    expect(ids(matchProviders(BUILTIN_PROVIDERS, 'DISCORD inter'))).toEqual(['discord']);
    expect(ids(matchProviders(BUILTIN_PROVIDERS, 'standard-web'))).toEqual(['standard-webhooks']);
    expect(ids(matchProviders(BUILTIN_PROVIDERS, 'zzz'))).toEqual([]);
  });

  it('an empty query lists every provider; the current choice stays listed whatever the query', () => {
    expect(matchProviders(BUILTIN_PROVIDERS, '  ')).toHaveLength(BUILTIN_PROVIDERS.length);
    expect(ids(matchProviders(BUILTIN_PROVIDERS, 'resend', 'stripe'))).toEqual(['stripe', 'resend']);
  });
});

describe('groupEventTypes', () => {
  it('groups dotted types by their first segment, each group where its resource first appears', () => {
    expect(
      groupEventTypes(['customer.created', 'invoice.paid', 'customer.subscription.updated', 'invoice.failed', 'ping']),
    ).toEqual([
      { label: 'customer.*', types: ['customer.created', 'customer.subscription.updated'] },
      { label: 'invoice.*', types: ['invoice.paid', 'invoice.failed'] },
      { label: undefined, types: ['ping'] },
    ]);
  });

  it('a catalogue whose resources are contiguous keeps its exact order (lone types stay in place)', () => {
    const types = [
      'device.identified',
      'device.new',
      'bot.detected',
      'fraud.high_risk',
      'compliance.consent_given',
      'compliance.deletion_requested',
      'tenant.limit_exceeded',
    ];
    const groups = groupEventTypes(types);
    expect(groups.flatMap((g) => g.types)).toEqual(types);
    expect(groups.map((g) => g.label)).toEqual(['device.*', undefined, 'compliance.*', undefined]);
  });

  it('groups camelCase names by their first word; lone and UPPER_CASE types stay ungrouped', () => {
    expect(resourceOf('commentCreated')).toBe('comment');
    expect(resourceOf('PING')).toBeUndefined();
    expect(groupEventTypes(['storageUpdated', 'commentCreated', 'commentDeleted', 'PING'])).toEqual([
      { label: undefined, types: ['storageUpdated'] },
      { label: 'comment*', types: ['commentCreated', 'commentDeleted'] },
      { label: undefined, types: ['PING'] },
    ]);
  });

  it("groups Shopify's slashed topics by resource, beside dotted ones", () => {
    expect(resourceOf('orders/create')).toBe('orders');
    expect(
      groupEventTypes(['orders/create', 'products/update', 'orders/paid', 'customer.tags_added', 'shop/update']),
    ).toEqual([
      { label: 'orders/*', types: ['orders/create', 'orders/paid'] },
      { label: undefined, types: ['products/update', 'customer.tags_added', 'shop/update'] },
    ]);
  });

  it('groups snake_case names by their first word only in a catalogue with no dotted or slashed names', () => {
    expect(resourceOf('channel_created')).toBeUndefined();
    expect(resourceOf('channel_created', true)).toBe('channel');
    expect(
      groupEventTypes(['channel_created', 'message', 'channel_rename', 'message_metadata_posted', 'team_join']),
    ).toEqual([
      { label: 'channel_*', types: ['channel_created', 'channel_rename'] },
      { label: 'message*', types: ['message', 'message_metadata_posted'] },
      { label: undefined, types: ['team_join'] },
    ]);
    // Beside dotted names, a snake_case one keeps its own place: deployment_status does not join deployment.*.
    expect(groupEventTypes(['deployment.created', 'deployment_status', 'deployment.deleted'])).toEqual([
      { label: 'deployment.*', types: ['deployment.created', 'deployment.deleted'] },
      { label: undefined, types: ['deployment_status'] },
    ]);
  });

  it("every built-in provider's events appear exactly once across the groups", () => {
    for (const p of BUILTIN_PROVIDERS) {
      const types = p.events.map((e) => e.type);
      expect(
        groupEventTypes(types)
          .flatMap((g) => g.types)
          .sort(),
        p.id,
      ).toEqual([...types].sort());
    }
  });
});

describe('the generated catalogues in the pickers', () => {
  const types = (id: string) => BUILTIN_PROVIDERS.find((p) => p.id === id)!.events.map((e) => e.type);

  it("GitHub's event.actions are grouped by event; events without actions stand alone", () => {
    const groups = groupEventTypes(types('github'));
    const issues = groups.find((g) => g.label === 'issues.*')!;
    expect(issues.types).toContain('issues.opened');
    expect(issues.types.every((t) => t.startsWith('issues.'))).toBe(true);
    expect(groups.find((g) => g.label === 'pull_request.*')!.types).toContain('pull_request.synchronize');
    const loose = groups.filter((g) => g.label === undefined).flatMap((g) => g.types);
    expect(loose).toEqual(expect.arrayContaining(['push', 'ping', 'create', 'delete']));
    expect(groups.flatMap((g) => g.types)).toHaveLength(types('github').length);
  });

  it("Shopify's topics are grouped by resource (orders/*, products/*)", () => {
    const groups = groupEventTypes(types('shopify'));
    const orders = groups.find((g) => g.label === 'orders/*')!;
    expect(orders.types).toEqual(expect.arrayContaining(['orders/create', 'orders/paid', 'orders/cancelled']));
    expect(groups.find((g) => g.label === 'products/*')!.types).toContain('products/update');
    expect(groups.find((g) => g.label === 'fulfillment_orders/*')!.types).toContain('fulfillment_orders/moved');
    expect(groups.find((g) => g.label === 'customer.*')!.types).toEqual([
      'customer.tags_added',
      'customer.tags_removed',
    ]);
    expect(groups.flatMap((g) => g.types)).toHaveLength(types('shopify').length);
  });

  it("Slack's event types are grouped by their first word (channel_*, file_*, message*)", () => {
    const groups = groupEventTypes(types('slack'));
    expect(groups.find((g) => g.label === 'channel_*')!.types).toEqual(
      expect.arrayContaining(['channel_created', 'channel_rename']),
    );
    expect(groups.find((g) => g.label === 'file_*')!.types).toContain('file_shared');
    expect(groups.find((g) => g.label === 'message*')!.types).toEqual(
      expect.arrayContaining(['message', 'message_metadata_posted']),
    );
    expect(groups.find((g) => g.label === 'url_*')).toBeUndefined();
    expect(groups.flatMap((g) => g.types)).toHaveLength(types('slack').length);
  });

  it("Zoom's events are grouped by product (meeting.*, webinar.*, phone.*)", () => {
    const groups = groupEventTypes(types('zoom'));
    for (const [label, type] of [
      ['meeting.*', 'meeting.participant_joined'],
      ['webinar.*', 'webinar.registration_created'],
      ['recording.*', 'recording.completed'],
      ['phone.*', 'phone.callee_ringing'],
      ['user.*', 'user.presence_status_updated'],
    ])
      expect(groups.find((g) => g.label === label)!.types, label).toContain(type);
    expect(groups.flatMap((g) => g.types)).toHaveLength(types('zoom').length);
  });

  it("Stripe's 275 types are grouped by resource (customer.*, invoice.*)", () => {
    const groups = groupEventTypes(types('stripe'));
    expect(groups.find((g) => g.label === 'customer.*')!.types).toContain('customer.subscription.trial_will_end');
    expect(groups.find((g) => g.label === 'invoice.*')!.types).toContain('invoice.paid');
    expect(groups.flatMap((g) => g.types)).toHaveLength(types('stripe').length);
  });
});
