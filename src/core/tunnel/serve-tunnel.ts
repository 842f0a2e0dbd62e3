import type { TunnelProvider } from '../../shared/tunnel-types';
import type { AppSurface } from '../app';
import { describeSelfTest, describeTunnelStatus } from './describe';

export interface ServeTunnelOptions {
  provider?: TunnelProvider;
  host: string;
  subdomain?: string;
  /** Once open, send a request through the public URL and report whether it arrived. */
  check?: boolean;
  /** One JSON object per line (`{"tunnel": status}`, `{"tunnelSelfTest": result}`) instead of text. */
  json?: boolean;
}

/**
 * `hookscope serve --tunnel`: opens the tunnel to the capture server and
 * reports every status change as it happens. A tunnel that cannot open is
 * reported and the server keeps capturing locally.
 */
export function startServeTunnel(app: AppSurface, options: ServeTunnelOptions, write: (line: string) => void): void {
  app.events.subscribe((event, payload) => {
    if (event !== 'tunnel.status') return;
    const status = payload as Parameters<typeof describeTunnelStatus>[0];
    write(options.json ? JSON.stringify({ tunnel: status }) : describeTunnelStatus(status, app.clock.now()));
  });
  app.tunnel.start({ provider: options.provider, host: options.host, subdomain: options.subdomain ?? null }).then(
    async () => {
      if (!options.check) return;
      const result = await app.tunnel.selfTest().catch(() => undefined);
      if (result) write(options.json ? JSON.stringify({ tunnelSelfTest: result }) : describeSelfTest(result));
    },
    () => undefined, // reported through the 'error' status
  );
}
