import type { Clock } from '../clock';
import type { DeliveryRepo } from '../store/deliveries';
import type { DeliveryAdapter } from './adapter';
import type { ArmingOptions } from './arming';
import type { AttemptFn } from './types';

/** What a DeliveryEngine (engine.ts) runs on. */
export interface EngineOptions {
  repo: DeliveryRepo;
  clock: Clock;
  speed: number;
  adapter: DeliveryAdapter;
  attempt: AttemptFn;
  /** This engine's claim id (unique per process run). */
  owner: string;
  /** Added to the timeout to form an in-flight lease; past it, another engine closes the attempt as interrupted. */
  leaseGraceMs?: number;
  /** How the waiting attempts stored in the database are armed (arming.ts); the defaults suit a server. */
  arming?: Pick<ArmingOptions, 'chunk' | 'ahead' | 'leadMs' | 'defer'>;
  /**
   * Hold the waiting attempts this engine schedules (migration 012) until
   * this long after they are due: other senders leave them alone meanwhile,
   * and take them over once the hold ends or is released (a `hookscope send`
   * run; a server leaves it unset).
   */
  holdGraceMs?: number;
  /** How often to look for holds released by other processes (leases.ts pollMs); a server sets it. */
  handoffPollMs?: number;
}
