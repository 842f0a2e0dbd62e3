import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { ProviderRegistry } from '../providers';
import { createSender, DEFAULT_HOLD_GRACE_MS, type Sender } from '../sender';
import { createRegistryAdapter } from '../sender/provider-glue';
import type { DeliveryRepo } from '../store/deliveries';

export interface CommandSenderOptions {
  /** Provider time per real time for waits between attempts (default 1). */
  speed?: number;
  /** This process runs the deliveries it starts (send, retry) and hands them over when interrupted. */
  hold?: boolean;
}

export interface Senders {
  /**
   * The app's one delivery engine, started on first use: it resumes retries
   * left pending by an earlier run, and its events reach the UI.
   */
  sender(): Sender;
  /**
   * An engine for one CLI command: it resumes nothing left by other runs and,
   * with `hold`, keeps a running `serve` off the deliveries it starts. The
   * command stops it; closing the app stops it too.
   */
  commandSender(options?: CommandSenderOptions): Sender;
  stop(): Promise<void>;
}

/** The delivery engines over the app's delivery log and provider registry. */
export function createSenders(deps: {
  deliveries: () => DeliveryRepo;
  clock: Clock;
  providers: ProviderRegistry;
  events: EventBus;
}): Senders {
  let shared: Sender | undefined;
  const commands = new Set<Sender>();
  return {
    sender() {
      if (!shared) {
        // handoffPollMs: a `hookscope send` interrupted or run with --detach hands its delivery over; take it at once.
        shared = createSender({
          deliveries: deps.deliveries(),
          clock: deps.clock,
          providers: createRegistryAdapter({ registry: deps.providers }),
          handoffPollMs: 500,
        });
        shared.on((e) => deps.events.emit('deliveries.event', e));
      }
      return shared;
    },
    commandSender({ speed = 1, hold = false } = {}) {
      const sender = createSender({
        deliveries: deps.deliveries(),
        clock: deps.clock,
        speed,
        resumePending: false,
        providers: createRegistryAdapter({ registry: deps.providers }),
        holdGraceMs: hold ? DEFAULT_HOLD_GRACE_MS : undefined,
      });
      commands.add(sender);
      return sender;
    },
    async stop() {
      await Promise.all([shared?.stop(), ...[...commands].map((s) => s.stop())]);
    },
  };
}
