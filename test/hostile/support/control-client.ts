import { request } from 'node:http';
import { WebSocket } from 'ws';

export interface ControlCall {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Raw node:http to a control API on 127.0.0.1, so headers, paths and bodies can be anything. */
export function rawControlCall(
  port: number,
  path: string,
  options: ControlCall = {},
): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'POST',
        headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...options.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => {
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = text;
          }
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body ?? (options.method === 'GET' ? undefined : '{}'));
  });
}

/** Opens the event socket; resolves with 101 and the socket, or the status it was refused with. */
export function openEventSocket(
  port: number,
  url: string,
  protocols?: string[],
): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers: { host: `127.0.0.1:${port}` } });
    ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('error', () => resolve({ status: -1 }));
  });
}
