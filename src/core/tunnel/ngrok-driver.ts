import { HookscopeError } from '../../shared/errors';
import type { TunnelDriver, TunnelLink } from './driver';

/** The part of ngrok's official Node SDK (@ngrok/ngrok) that Hookscope uses. */
export interface NgrokSdk {
  forward(config: {
    addr: string;
    authtoken: string;
    server_addr?: string;
    onStatusChange?: (status: string) => void;
  }): Promise<{ url(): string | null; close(): Promise<void> }>;
}

export const NGROK_TOKEN_HINT =
  'set NGROK_AUTHTOKEN to your ngrok authtoken (https://dashboard.ngrok.com/get-started/your-authtoken), or enter it in the Tunnel screen of the desktop app';

export interface NgrokDriverOptions {
  /** The authtoken, looked up at each start: never stored by Hookscope in the database. Default: NGROK_AUTHTOKEN. */
  authtoken?: () => string | undefined | Promise<string | undefined>;
  /** Loads the SDK (tests inject a stand-in); default: import('@ngrok/ngrok'). */
  load?: () => Promise<NgrokSdk>;
  /** ngrok's server (tests point it at a closed port on loopback). */
  serverAddr?: string;
}

async function loadSdk(): Promise<NgrokSdk> {
  const mod = (await import('@ngrok/ngrok')) as unknown as { default?: NgrokSdk } & NgrokSdk;
  return typeof mod.forward === 'function' ? mod : (mod.default as NgrokSdk);
}

/** ngrok's error text in one sentence a person can act on. */
export function describeNgrokFailure(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/authtoken|ERR_NGROK_(4018|105|107)/i.test(text))
    return `ngrok refused the authtoken (${text.split('\n')[0]}): check it at https://dashboard.ngrok.com`;
  if (/establish tcp connection|dns|resolve|timed? ?out|connect session/i.test(text)) {
    return "ngrok's service could not be reached: is this machine offline?";
  }
  return `ngrok failed: ${text.split('\n')[0]}`;
}

/**
 * ngrok through its official Node SDK (the native agent ships inside the npm
 * package): one listener forwarding to the capture server. The authtoken
 * comes from the environment or the desktop app's OS-encrypted store.
 */
export function createNgrokDriver(options: NgrokDriverOptions = {}): TunnelDriver {
  const token = options.authtoken ?? (() => process.env.NGROK_AUTHTOKEN);
  const load = options.load ?? loadSdk;
  return {
    async open(link, handlers) {
      const authtoken = (await token())?.trim();
      if (!authtoken) throw new HookscopeError('TUNNEL_FAILED', `ngrok needs an authtoken: ${NGROK_TOKEN_HINT}`);
      let sdk: NgrokSdk;
      try {
        sdk = await load();
      } catch (error) {
        throw new HookscopeError(
          'TUNNEL_FAILED',
          `ngrok's SDK (@ngrok/ngrok) could not be loaded on this platform: ${(error as Error).message}`,
        );
      }
      let closed = false;
      let listener: Awaited<ReturnType<NgrokSdk['forward']>>;
      try {
        listener = await sdk.forward({
          addr: `${link.localHost ?? 'localhost'}:${link.localPort}`,
          authtoken,
          ...(options.serverAddr ? { server_addr: options.serverAddr } : {}),
          onStatusChange: (status) => {
            if (status === 'closed' && !closed)
              handlers.onDown(new HookscopeError('TUNNEL_FAILED', "the link to ngrok's service dropped"));
          },
        });
      } catch (error) {
        throw new HookscopeError('TUNNEL_FAILED', describeNgrokFailure(error));
      }
      const url = listener.url();
      if (!url) {
        await listener.close().catch(() => undefined);
        throw new HookscopeError('TUNNEL_FAILED', 'ngrok opened a listener without a public URL');
      }
      const handle: TunnelLink = {
        assignment: { id: new URL(url).hostname.split('.')[0], url },
        close() {
          closed = true;
          void listener.close().catch(() => undefined);
        },
      };
      return handle;
    },
  };
}
