import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { HookscopeError } from '../../shared/errors';
import { systemClock, type Clock } from '../clock';
import { createCloudflaredReader, quickTunnelId } from './cloudflared-output';
import type { TunnelDriver, TunnelLink } from './driver';
import { findExecutable } from './find-executable';

export const CLOUDFLARED_INSTALL_HINT =
  'install cloudflared (https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/) or set HOOKSCOPE_CLOUDFLARED to its path';

export interface CloudflaredDriverOptions {
  /** The cloudflared program: a path; default HOOKSCOPE_CLOUDFLARED, else `cloudflared` on PATH. */
  binary?: string;
  env?: NodeJS.ProcessEnv;
  clock?: Clock;
  /** Time allowed for the public URL to appear (default 30 s). */
  startTimeoutMs?: number;
}

/** The last lines cloudflared printed, to name a cause when it fails. */
const KEEP_LINES = 5;

/**
 * Cloudflare quick tunnels (no account): `cloudflared tunnel --url
 * http://HOST:PORT` started as a child process, its public URL read from its
 * output, stopped (SIGTERM) with the link. The child's exit after the URL
 * came means the link is down; the supervisor starts a new one.
 */
export function createCloudflaredDriver(options: CloudflaredDriverOptions = {}): TunnelDriver {
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;

  return {
    open(link, handlers) {
      const binary = findExecutable('cloudflared', options.binary ?? env.HOOKSCOPE_CLOUDFLARED, env);
      if (!binary) {
        const named = options.binary ?? env.HOOKSCOPE_CLOUDFLARED;
        return Promise.reject(
          new HookscopeError(
            'TUNNEL_FAILED',
            named
              ? `cloudflared was not found at ${named}: ${CLOUDFLARED_INSTALL_HINT}`
              : `cloudflared is not installed: ${CLOUDFLARED_INSTALL_HINT}`,
          ),
        );
      }
      const local = `http://${link.localHost ?? 'localhost'}:${link.localPort}`;
      let child: ChildProcess;
      try {
        child = spawn(binary, ['tunnel', '--no-autoupdate', '--url', local], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env,
        });
      } catch (error) {
        return Promise.reject(
          new HookscopeError('TUNNEL_FAILED', `cloudflared could not be started: ${(error as Error).message}`),
        );
      }
      return new Promise<TunnelLink>((resolve, reject) => {
        const read = createCloudflaredReader();
        const recent: string[] = [];
        let url: string | undefined;
        let opened = false;
        let closing = false;
        const cause = (what: string) =>
          new HookscopeError('TUNNEL_FAILED', recent.length ? `${what}; it said: ${recent[recent.length - 1]}` : what);
        const fail = (error: HookscopeError) => {
          cancelTimeout();
          if (!opened) reject(error);
          else if (!closing) handlers.onDown(error);
        };
        const cancelTimeout = clock.setTimer(startTimeoutMs, () => {
          if (opened) return;
          closing = true;
          child.kill('SIGTERM');
          reject(
            cause(
              `cloudflared gave no public URL within ${Math.round(startTimeoutMs / 1000)} s (is this machine offline?)`,
            ),
          );
        });
        const handle: TunnelLink = {
          get assignment() {
            return { id: quickTunnelId(url ?? ''), url: url ?? '' };
          },
          close() {
            closing = true;
            cancelTimeout();
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          },
        };
        const onLine = (line: string) => {
          const seen = read(line);
          if (line.trim()) recent.splice(0, Math.max(0, recent.length - KEEP_LINES + 1), line.trim());
          if (seen.kind === 'url' && !opened) {
            url = seen.url;
            opened = true;
            cancelTimeout();
            resolve(handle);
          }
        };
        for (const stream of [child.stdout, child.stderr])
          if (stream) createInterface({ input: stream }).on('line', onLine);
        child.once('error', (error) =>
          fail(new HookscopeError('TUNNEL_FAILED', `cloudflared could not be started: ${error.message}`)),
        );
        child.once('exit', (code, signal) => fail(cause(`cloudflared exited (${signal ?? `code ${code}`})`)));
      });
    },
  };
}
