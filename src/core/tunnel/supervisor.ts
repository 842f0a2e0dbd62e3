import { HookscopeError, toErrorPayload } from '../../shared/errors';
import {
  DEFAULT_TUNNEL_HOST,
  DEFAULT_TUNNEL_PROVIDER,
  TUNNEL_REMINDER_NOTE,
  type TunnelProvider,
  type TunnelState,
  type TunnelStatus,
} from '../../shared/tunnel-types';
import { doublingBackoff, type BackoffSchedule } from '../../shared/backoff';
import type { Clock } from '../clock';
import type { TunnelDriver, TunnelLink } from './driver';

/** Delay before reconnection attempt `attempt` (1, 2, ...): 1 s doubling to 30 s. */
export const defaultBackoff: BackoffSchedule = doublingBackoff(1000, 30_000);

/** Where the tunnel forwards: the capture server, never the control API. */
export interface TunnelTarget {
  port: number;
  /** Set when the capture server is not reachable on loopback. */
  host?: string;
}

export interface TunnelSupervisorOptions {
  /** The localtunnel driver. */
  driver: TunnelDriver;
  /** The other ways to a public URL, by provider (a provider without a driver fails to start with a clear cause). */
  drivers?: Partial<Record<TunnelProvider, TunnelDriver>>;
  clock: Clock;
  backoff?: BackoffSchedule;
  /** The capture server's address, or null while it is not listening. */
  target: () => TunnelTarget | null;
  onStatus?: (status: TunnelStatus) => void;
}

export interface TunnelStartOptions {
  provider?: TunnelProvider;
  host?: string;
  subdomain?: string | null;
}

export interface TunnelSupervisor {
  /** Opens the tunnel; resolves once it is open, rejects (state 'error') when the first connection fails. */
  start(options?: TunnelStartOptions): Promise<TunnelStatus>;
  stop(): TunnelStatus;
  status(): TunnelStatus;
}

/**
 * Runs one tunnel: opens it, reports every state change, and when the link
 * drops re-opens it with backoff (asking for the same subdomain, so the URL
 * usually stays the same) until it is open again or stopped.
 */
export function createTunnelSupervisor(options: TunnelSupervisorOptions): TunnelSupervisor {
  const backoff = options.backoff ?? defaultBackoff;
  const clock = options.clock;
  let status: TunnelStatus = {
    state: 'closed',
    provider: DEFAULT_TUNNEL_PROVIDER,
    url: null,
    host: DEFAULT_TUNNEL_HOST,
    subdomain: null,
    localPort: null,
    attempt: 0,
    retryAt: null,
    error: null,
    notes: [],
    since: clock.now(),
  };
  /** Bumped by every start and stop: callbacks of an older run are ignored. */
  let run = 0;
  let link: TunnelLink | undefined;
  let cancelRetry: (() => void) | undefined;
  /** The subdomain to ask for on reconnection: the one asked for, else the one first given. */
  let wanted: string | null = null;
  let pending: Promise<TunnelStatus> | undefined;

  const update = (patch: Partial<TunnelStatus> & { state: TunnelState }) => {
    const changed = patch.state !== status.state;
    status = { ...status, ...patch, since: changed ? clock.now() : status.since };
    options.onStatus?.({ ...status, notes: [...status.notes] });
  };

  const isRunning = () => status.state === 'connecting' || status.state === 'open' || status.state === 'reconnecting';

  function openNotes(assignedId: string, url: string): string[] {
    // The reminder page is loca.lt's; a self-hosted localtunnel server has none, nor do the other providers.
    const lt = status.provider === 'localtunnel';
    const notes =
      lt && /(^|\.)(localtunnel\.me|loca\.lt)$/i.test(new URL(status.host).hostname) ? [TUNNEL_REMINDER_NOTE] : [];
    if (lt && wanted && assignedId !== wanted)
      notes.unshift(`The subdomain "${wanted}" was taken; the server gave "${assignedId}".`);
    if (status.url && status.url !== url)
      notes.unshift(`The public URL changed from ${status.url}: update it where your webhooks are sent.`);
    return notes;
  }

  function driverFor(provider: TunnelProvider): TunnelDriver {
    const driver = provider === 'localtunnel' ? options.driver : options.drivers?.[provider];
    if (!driver) throw new HookscopeError('TUNNEL_FAILED', `the ${provider} tunnel is not available in this build`);
    return driver;
  }

  async function connect(myRun: number, target: TunnelTarget): Promise<TunnelLink> {
    const opened = await driverFor(status.provider).open(
      { host: status.host, subdomain: wanted, localPort: target.port, localHost: target.host },
      { onDown: (cause) => myRun === run && dropped(cause) },
    );
    if (myRun !== run) {
      opened.close();
      throw new HookscopeError('TUNNEL_FAILED', 'the tunnel was stopped while it was opening');
    }
    link = opened;
    update({
      state: 'open',
      url: opened.assignment.url,
      attempt: 0,
      retryAt: null,
      error: null,
      notes: openNotes(opened.assignment.id, opened.assignment.url),
    });
    // localtunnel gives the same subdomain back on reconnection when asked; the others make a new URL each time.
    if (status.provider === 'localtunnel') wanted ??= opened.assignment.id;
    return opened;
  }

  function dropped(cause: HookscopeError): void {
    link = undefined;
    scheduleRetry(1, cause);
  }

  function scheduleRetry(attempt: number, cause: unknown): void {
    const myRun = run;
    const delay = backoff(attempt);
    update({ state: 'reconnecting', attempt, retryAt: clock.now() + delay, error: toErrorPayload(cause) });
    cancelRetry = clock.setTimer(delay, () => {
      cancelRetry = undefined;
      if (myRun !== run) return;
      const target = options.target();
      if (!target) {
        scheduleRetry(attempt + 1, new HookscopeError('TUNNEL_FAILED', 'the capture server is not listening'));
        return;
      }
      connect(myRun, target).catch((error) => {
        if (myRun === run) scheduleRetry(attempt + 1, error);
      });
    });
  }

  function stopLink(): void {
    run++;
    cancelRetry?.();
    cancelRetry = undefined;
    link?.close();
    link = undefined;
  }

  return {
    start(startOptions = {}) {
      const provider = startOptions.provider ?? DEFAULT_TUNNEL_PROVIDER;
      const host = startOptions.host ?? DEFAULT_TUNNEL_HOST;
      const subdomain = startOptions.subdomain ?? null;
      const same = provider === status.provider && host === status.host && subdomain === status.subdomain;
      if (isRunning() && same) return pending ?? Promise.resolve({ ...status });
      const target = options.target();
      if (!target)
        return Promise.reject(
          new HookscopeError('TUNNEL_FAILED', 'the capture server is not listening, so there is nothing to tunnel to'),
        );
      stopLink();
      const myRun = run;
      wanted = subdomain;
      status = { ...status, provider, url: null, host, subdomain, localPort: target.port, notes: [] };
      update({ state: 'connecting', attempt: 0, retryAt: null, error: null });
      pending = connect(myRun, target).then(
        () => ({ ...status }),
        (error) => {
          if (myRun === run) {
            stopLink();
            update({ state: 'error', url: null, error: toErrorPayload(error) });
          }
          throw error;
        },
      );
      const settled = pending;
      settled.finally(() => pending === settled && (pending = undefined)).catch(() => undefined);
      return settled;
    },
    stop() {
      const wasActive = status.state !== 'closed';
      stopLink();
      pending = undefined;
      if (wasActive) update({ state: 'closed', url: null, attempt: 0, retryAt: null, error: null, notes: [] });
      return { ...status };
    },
    status: () => ({ ...status, notes: [...status.notes] }),
  };
}
