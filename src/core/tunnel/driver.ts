import type { HookscopeError } from '../../shared/errors';

/** What every tunnel driver is asked to do: give the capture server (and only it) a public URL. */
export interface OpenLinkOptions {
  /** The localtunnel server, e.g. https://localtunnel.me (other drivers ignore it). */
  host: string;
  /** A subdomain to ask for (localtunnel only). */
  subdomain: string | null;
  /** The capture server's port: the only thing a link ever forwards to. */
  localPort: number;
  /** Where to reach it when not on loopback. */
  localHost?: string;
}

/** A public URL that forwards to the capture server, until it is closed or goes down. */
export interface TunnelLink {
  readonly assignment: {
    /** The name the service gave this tunnel (a localtunnel subdomain, a quick-tunnel host name...). */
    id: string;
    /** The public URL. */
    url: string;
  };
  close(): void;
}

export interface LinkHandlers {
  /** The link is gone for good: the supervisor reconnects with backoff. */
  onDown(cause: HookscopeError): void;
}

/** The small interface the tunnel supervisor drives; localtunnel, cloudflared and ngrok each implement it. */
export interface TunnelDriver {
  /** Resolves once the public URL forwards to the capture server; rejects with TUNNEL_FAILED and one sentence why. */
  open(options: OpenLinkOptions, handlers: LinkHandlers): Promise<TunnelLink>;
}
