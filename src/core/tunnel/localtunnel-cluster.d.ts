// Types for the part of the localtunnel client (2.0.2, CommonJS, no types of
// its own) that Hookscope drives: the pool of sockets to the tunnel server.
declare module 'localtunnel/lib/TunnelCluster.js' {
  import { EventEmitter } from 'node:events';
  import type { Socket } from 'node:net';

  export interface TunnelClusterOptions {
    name: string;
    url: string;
    max_conn: number;
    remote_host: string;
    remote_ip?: string;
    remote_port: number;
    local_port: number;
    /** When set, localtunnel connects there and rewrites the Host header to it. */
    local_host?: string;
  }

  /**
   * Emits 'open' (remote socket) when a socket to the tunnel server connects,
   * 'dead' when one closes, 'error' when the server refuses a connection, and
   * 'request' ({method, path}) for each request it relays.
   */
  export default class TunnelCluster extends EventEmitter {
    constructor(options: TunnelClusterOptions);
    /** Opens one more socket to the tunnel server and pipes it to the local port once connected. */
    open(): void;
    on(event: 'open', listener: (remote: Socket) => void): this;
    on(event: 'dead', listener: () => void): this;
    on(event: 'error', listener: (error: Error) => void): this;
    on(event: 'request', listener: (request: { method: string; path: string }) => void): this;
  }
}
