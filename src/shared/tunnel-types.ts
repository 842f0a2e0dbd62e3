import { z } from 'zod';
import type { ErrorPayload } from './errors';

/**
 * The public tunnel as the API, the CLI and the UI see it. The tunnel
 * forwards to the capture server only, never to the control API.
 */

/** localtunnel's own default server (it answers as loca.lt). */
export const DEFAULT_TUNNEL_HOST = 'https://localtunnel.me';

/** localtunnel's rule for a requested subdomain (the server refuses anything else with 403). */
export const TUNNEL_SUBDOMAIN_PATTERN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;

export const tunnelSubdomainSchema = z
  .string()
  .regex(
    TUNNEL_SUBDOMAIN_PATTERN,
    'a tunnel subdomain is 4-63 lower-case letters, digits or "-", not starting or ending with "-"',
  );

/** http(s), a host (no user:password@), an optional port and path. */
const TUNNEL_HOST_PATTERN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?(?:\/[^\s]*)?$/i;

export const tunnelHostSchema = z
  .string()
  .max(2048)
  .refine(
    (value) => TUNNEL_HOST_PATTERN.test(value),
    'the tunnel host is an http(s) URL, such as https://localtunnel.me',
  );

/**
 * The ways to a public URL: localtunnel (no account, a volunteer-run server),
 * Cloudflare quick tunnels (no account, the `cloudflared` program), ngrok
 * (an ngrok account's authtoken, through ngrok's own Node SDK).
 */
export const TUNNEL_PROVIDERS = ['localtunnel', 'cloudflared', 'ngrok'] as const;
export type TunnelProvider = (typeof TUNNEL_PROVIDERS)[number];
export const DEFAULT_TUNNEL_PROVIDER: TunnelProvider = 'localtunnel';
export const tunnelProviderSchema = z.enum(TUNNEL_PROVIDERS);

export const TUNNEL_PROVIDER_LABELS: Record<TunnelProvider, string> = {
  localtunnel: 'localtunnel (no account)',
  cloudflared: 'Cloudflare quick tunnel (cloudflared, no account)',
  ngrok: 'ngrok (authtoken)',
};

/** The tunnel credentials Hookscope can keep (outside its database). */
export const TUNNEL_TOKEN_NAMES = ['ngrok'] as const;

export const tunnelAuthtokenArgsSchema = z
  .object({
    provider: z.literal('ngrok'),
    /** The authtoken, or null to forget the one kept. */
    token: z.string().trim().min(1).max(1024).nullable(),
  })
  .strict();

/** Where the credential now is: only in this process's memory, or encrypted by the OS (the desktop app). */
export interface TunnelAuthtokenResult {
  provider: 'ngrok';
  kept: boolean;
  protection: 'memory' | 'os-encrypted';
}

export const tunnelStartArgsSchema = z
  .object({
    /** Which service gives the public URL (default localtunnel). */
    provider: tunnelProviderSchema.optional(),
    /** The localtunnel server (default https://localtunnel.me). */
    host: tunnelHostSchema.optional(),
    /** Ask for this subdomain; the server gives a random one when it is taken. */
    subdomain: tunnelSubdomainSchema.optional(),
  })
  .strict();

/**
 * closed: not running. connecting: first connection. open: the public URL
 * forwards to the capture server. reconnecting: the link dropped and is being
 * re-established with backoff. error: the tunnel could not be opened (see `error`).
 */
export type TunnelState = 'closed' | 'connecting' | 'open' | 'reconnecting' | 'error';

export interface TunnelStatus {
  state: TunnelState;
  /** The service giving the public URL. */
  provider: TunnelProvider;
  /** The public URL while open; while reconnecting, the last one. */
  url: string | null;
  /** The localtunnel server used (localtunnel only). */
  host: string;
  /** The subdomain asked for, if any. */
  subdomain: string | null;
  /** The capture server port the tunnel forwards to. */
  localPort: number | null;
  /** Reconnection attempts since the link dropped; 0 while open. */
  attempt: number;
  /** When the next reconnection attempt is due (ms since the epoch), while reconnecting. */
  retryAt: number | null;
  /** Why it is reconnecting, or why it stopped. */
  error: ErrorPayload | null;
  /** Things worth knowing: the reminder page, a subdomain that was taken, a URL that changed. */
  notes: string[];
  /** When this state began (ms since the epoch). */
  since: number;
}

export interface TunnelSelfTestResult {
  /** True when the request sent to the public URL arrived here as a capture. */
  ok: boolean;
  /** The URL the request was sent to. */
  target: string;
  captureId: number | null;
  /** What the tunnel answered, when it answered. */
  status: number | null;
  durationMs: number;
  message: string;
}

/**
 * loca.lt shows a "friendly reminder" page (HTTP 401) instead of forwarding a
 * request that looks like it comes from a web browser. Webhook senders use
 * their own User-Agent and go straight through.
 */
export const TUNNEL_REMINDER_NOTE =
  "Webhook senders go straight through. A web browser gets localtunnel's reminder page (401) first: " +
  'send a "bypass-tunnel-reminder" header (any value) or a non-browser User-Agent to skip it, ' +
  "or enter the tunnel password (this machine's public IP, shown at https://loca.lt/mytunnelpassword) on that page once.";
