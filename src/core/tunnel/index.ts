import type { AddressInfo } from 'node:net';
import { HookscopeError } from '../../shared/errors';
import type { TunnelSelfTestResult } from '../../shared/tunnel-types';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { createLocaltunnelDriver, type TunnelDriver } from './localtunnel-driver';
import { runTunnelSelfTest } from './self-test';
import { createTunnelSupervisor, type TunnelSupervisor, type TunnelTarget } from './supervisor';

export type { TunnelDriver, TunnelLink, OpenLinkOptions, LinkHandlers } from './localtunnel-driver';
export { createLocaltunnelDriver } from './localtunnel-driver';
export { createTunnelSupervisor, defaultBackoff, type TunnelSupervisor, type TunnelStartOptions } from './supervisor';
export { runTunnelSelfTest, SELF_TEST_PREFIX } from './self-test';

export interface AppTunnelOptions {
  /** The tunnel client (default: localtunnel). */
  driver?: TunnelDriver;
  /** Delay before reconnection attempt n (default: 1 s doubling to 30 s). */
  backoff?: (attempt: number) => number;
  selfTestTimeoutMs?: number;
}

export interface AppTunnel extends TunnelSupervisor {
  /** Sends a request through the public URL and confirms it arrives as a capture. */
  selfTest(): Promise<TunnelSelfTestResult>;
}

const LOOPBACK_OR_ANY = new Set(['127.0.0.1', '::1', '0.0.0.0', '::', 'localhost']);

/** The capture server as a tunnel target: loopback and wildcard binds are reached as localhost. */
export function captureTarget(address: AddressInfo | null): TunnelTarget | null {
  if (!address) return null;
  return LOOPBACK_OR_ANY.has(address.address) ? { port: address.port } : { port: address.port, host: address.address };
}

/** The app's tunnel: forwards to the capture server only; its status changes go out as 'tunnel.status' events. */
export function createAppTunnel(
  deps: { events: EventBus; clock: Clock; capture: () => AddressInfo | null },
  options: AppTunnelOptions = {},
): AppTunnel {
  const supervisor = createTunnelSupervisor({
    driver: options.driver ?? createLocaltunnelDriver({ clock: deps.clock }),
    clock: deps.clock,
    backoff: options.backoff,
    target: () => captureTarget(deps.capture()),
    onStatus: (status) => deps.events.emit('tunnel.status', status),
  });
  return {
    ...supervisor,
    selfTest() {
      const { state, url } = supervisor.status();
      if (state !== 'open' || !url) return Promise.reject(new HookscopeError('CONFLICT', `the tunnel is ${state}, not open`));
      return runTunnelSelfTest({ url, events: deps.events, clock: deps.clock, timeoutMs: options.selfTestTimeoutMs });
    },
  };
}
