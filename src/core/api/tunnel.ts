import type { ApiHandlers } from '../../shared/api';
import type { AppSurface } from '../app';

type TunnelHandlers = Pick<
  ApiHandlers,
  'tunnel.start' | 'tunnel.stop' | 'tunnel.status' | 'tunnel.selfTest' | 'tunnel.setAuthtoken'
>;

/** The tunnel's part of the API. It always forwards to the capture server; no argument can point it elsewhere. */
export function createTunnelHandlers(app: AppSurface): TunnelHandlers {
  return {
    'tunnel.start': ({ provider, host, subdomain }) => app.tunnel.start({ provider, host, subdomain }),
    'tunnel.stop': () => app.tunnel.stop(),
    'tunnel.status': () => app.tunnel.status(),
    'tunnel.selfTest': () => app.tunnel.selfTest(),
    'tunnel.setAuthtoken': ({ provider, token }) => app.tunnel.setAuthtoken(provider, token),
  };
}
