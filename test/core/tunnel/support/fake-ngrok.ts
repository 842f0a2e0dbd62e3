import { connect, createServer, type Server } from 'node:net';
import type { NgrokSdk } from '../../../../src/core/tunnel/ngrok-driver';

/**
 * A stand-in for ngrok's SDK (its service cannot be reached from here): each
 * `forward` opens a TCP forwarder on 127.0.0.1 to the address it was given,
 * and `drop()` closes the newest one as ngrok reports a lost session.
 */
export function fakeNgrokSdk() {
  const open: { server: Server; onStatusChange?: (status: string) => void }[] = [];
  const calls: { addr: string; authtoken: string }[] = [];
  const sdk: NgrokSdk = {
    async forward(config) {
      calls.push({ addr: config.addr, authtoken: config.authtoken });
      const [host, port] = config.addr.split(':');
      const server = createServer((inbound) => {
        const outbound = connect({ host: host === 'localhost' ? '127.0.0.1' : host, port: Number(port) });
        inbound.pipe(outbound).pipe(inbound);
        inbound.on('error', () => outbound.destroy());
        outbound.on('error', () => inbound.destroy());
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      const entry = { server, onStatusChange: config.onStatusChange };
      open.push(entry);
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
      return {
        url: () => url,
        close: () => new Promise<void>((done) => server.close(() => done())),
      };
    },
  };
  return {
    sdk,
    calls,
    drop() {
      const entry = open.pop();
      entry?.server.close();
      entry?.onStatusChange?.('closed');
    },
    close: () => Promise.all(open.splice(0).map((e) => new Promise<void>((done) => e.server.close(() => done())))),
  };
}
