import type { AddressInfo } from 'node:net';
import { HookscopeError } from '../../shared/errors';
import type { TunnelAuthtokenResult, TunnelSelfTestResult } from '../../shared/tunnel-types';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { TunnelProvider } from '../../shared/tunnel-types';
import { createCloudflaredDriver } from './cloudflared-driver';
import type { TunnelDriver } from './driver';
import { createLocaltunnelDriver } from './localtunnel-driver';
import { createNgrokDriver } from './ngrok-driver';
import { createMemoryVault, type TokenVault } from './token-vault';
import { runTunnelSelfTest } from './self-test';
import { createTunnelSupervisor, type TunnelSupervisor, type TunnelTarget } from './supervisor';

export type { TunnelDriver, TunnelLink, OpenLinkOptions, LinkHandlers } from './driver';
export { createLocaltunnelDriver } from './localtunnel-driver';
export { createCloudflaredDriver } from './cloudflared-driver';
export { createNgrokDriver } from './ngrok-driver';
export { createMemoryVault, type TokenVault } from './token-vault';
export { createTunnelSupervisor, defaultBackoff, type TunnelSupervisor, type TunnelStartOptions } from './supervisor';
export { runTunnelSelfTest, SELF_TEST_PREFIX } from './self-test';

export interface AppTunnelOptions {
  /** The localtunnel client (tests inject their own). */
  driver?: TunnelDriver;
  /** The other drivers (default: cloudflared from PATH or HOOKSCOPE_CLOUDFLARED, ngrok with NGROK_AUTHTOKEN). */
  drivers?: Partial<Record<Exclude<TunnelProvider, 'localtunnel'>, TunnelDriver>>;
  /** Where a service's credential is kept (the desktop app: encrypted by the OS; default: memory). */
  vault?: TokenVault;
  /** Delay before reconnection attempt n (default: 1 s doubling to 30 s). */
  backoff?: (attempt: number) => number;
  selfTestTimeoutMs?: number;
}

export interface AppTunnel extends TunnelSupervisor {
  /** Sends a request through the public URL and confirms it arrives as a capture. */
  selfTest(): Promise<TunnelSelfTestResult>;
  /** Keeps (or with null, forgets) ngrok's authtoken in the vault; NGROK_AUTHTOKEN is used when none is kept. */
  setAuthtoken(provider: 'ngrok', token: string | null): TunnelAuthtokenResult;
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
  const vault = options.vault ?? createMemoryVault();
  const supervisor = createTunnelSupervisor({
    driver: options.driver ?? createLocaltunnelDriver({ clock: deps.clock }),
    drivers: {
      cloudflared: options.drivers?.cloudflared ?? createCloudflaredDriver({ clock: deps.clock }),
      ngrok:
        options.drivers?.ngrok ??
        createNgrokDriver({ authtoken: () => vault.get('ngrok') ?? process.env.NGROK_AUTHTOKEN }),
    },
    clock: deps.clock,
    backoff: options.backoff,
    target: () => captureTarget(deps.capture()),
    onStatus: (status) => deps.events.emit('tunnel.status', status),
  });
  return {
    ...supervisor,
    selfTest() {
      const { state, url } = supervisor.status();
      if (state !== 'open' || !url)
        return Promise.reject(new HookscopeError('CONFLICT', `the tunnel is ${state}, not open`));
      return runTunnelSelfTest({ url, events: deps.events, clock: deps.clock, timeoutMs: options.selfTestTimeoutMs });
    },
    setAuthtoken(provider, token) {
      vault.set(provider, token);
      return { provider, kept: token !== null, protection: vault.protection };
    },
  };
}
