import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import {
  DEFAULT_TUNNEL_HOST,
  DEFAULT_TUNNEL_PROVIDER,
  TUNNEL_PROVIDERS,
  tunnelHostSchema,
  tunnelProviderSchema,
  tunnelSubdomainSchema,
  type TunnelProvider,
} from '../../shared/tunnel-types';
import { startServeTunnel } from '../../core/tunnel/serve-tunnel';
import { createApp, type AppSurface } from '../../core/app';
import { acquireServeLock } from '../../core/serve-lock';
import { databasePath } from '../../core/paths';
import { DURABILITIES, translateEscapedStoreError, type Durability } from '../../core/store-exports';
import { isHookscopeError } from '../../shared/errors';
import { createApiHandlers } from '../../core/api';
import { VERSION } from '../../core/version';
import { createControlServer } from '../../server/control-server';
import { dataDirOf, withData, withJson, type CommonOptions } from '../context';
import { intArg } from '../parse';
import { packageRoot } from '../../core/package-root';
import { openInBrowser } from '../open-browser';
import { providerFileWarnings } from './providers';
import { listenError } from '../startup-errors';
import { inertLine, jsonForTerminal } from '../terminal-safe';

interface ServeOptions extends CommonOptions {
  port: number;
  uiPort: number;
  host: string;
  bodyLimit: number;
  requestTimeout: number;
  open?: boolean;
  /** true (`--tunnel` alone: localtunnel) or a provider's name. */
  tunnel?: boolean | TunnelProvider;
  subdomain?: string;
  tunnelHost: string;
  tunnelCheck?: boolean;
  durability: Durability;
}

function durabilityArg(value: string): Durability {
  if (!(DURABILITIES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`--durability must be one of ${DURABILITIES.join(', ')}, got "${value}"`);
  return value as Durability;
}

/** A failure while serving, as one inert log line with its code: a SQLite error gets its code (DB_BUSY...), never a bare message. */
export function logLine(error: unknown, dbFile: string): string {
  const translated = translateEscapedStoreError(error, dbFile);
  const message = translated instanceof Error ? translated.message : String(translated);
  return `hookscope: ${inertLine(message)}${isHookscopeError(translated) ? ` [${translated.code}]` : ''}`;
}

function schemaArg(name: string, schema: typeof tunnelHostSchema | typeof tunnelSubdomainSchema) {
  return (value: string): string => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidArgumentError(`${name}: ${parsed.error.issues[0].message}, got "${value}"`);
    return parsed.data;
  };
}

function tunnelProviderArg(value: string): TunnelProvider {
  const parsed = tunnelProviderSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidArgumentError(`--tunnel: one of ${TUNNEL_PROVIDERS.join(', ')}, got "${value}"`);
  return parsed.data;
}

/** Where the built renderer lives (npm run build:ui). */
export const UI_ROOT = resolve(packageRoot(import.meta.dirname), 'renderer/dist');

export function registerServeCommand(program: Command): void {
  withJson(withData(program.command('serve').description('capture webhooks, and serve the control API and UI')))
    .option('--port <port>', 'capture server port (0: any free port)', intArg('--port', 0, 65535), 8787)
    .option(
      '--ui-port <port>',
      'control API and UI port, always on 127.0.0.1 (0: any free port)',
      intArg('--ui-port', 0, 65535),
      8788,
    )
    .option('--host <host>', 'address the capture server listens on', '127.0.0.1')
    .addOption(
      new Option('--body-limit <bytes>', 'largest body stored whole; larger ones get 413')
        .argParser(intArg('--body-limit', 1024, 2 ** 31 - 1))
        .default(10 * 1024 * 1024, '10 MiB'),
    )
    .option(
      '--request-timeout <ms>',
      'time a client has to send its whole request',
      intArg('--request-timeout', 1000, 3_600_000),
      120_000,
    )
    .option('--open', 'open the UI in the default browser')
    .option(
      '--tunnel [provider]',
      `also give the capture server (never the control API) a public URL: ${TUNNEL_PROVIDERS.join(', ')} (default localtunnel)`,
      tunnelProviderArg,
    )
    .option(
      '--subdomain <name>',
      'ask the tunnel server for this subdomain',
      schemaArg('--subdomain', tunnelSubdomainSchema),
    )
    .option(
      '--tunnel-host <url>',
      'the localtunnel server',
      schemaArg('--tunnel-host', tunnelHostSchema),
      DEFAULT_TUNNEL_HOST,
    )
    .option('--tunnel-check', 'once the tunnel is open, send a request through it and confirm it arrives as a capture')
    .option(
      '--durability <level>',
      'normal: an acknowledged webhook survives the process being killed, the last commits may be lost on a power cut; full: every commit waits for the disk (slower)',
      durabilityArg,
      'normal',
    )
    .action(async (options: ServeOptions) => {
      const dataDir = dataDirOf(options);
      const dbFile = databasePath(dataDir);
      // One serve per data folder: a second one is refused here, naming the first, before it opens anything.
      const lock = acquireServeLock(dataDir);
      const releaseOnExit = () => lock.release();
      process.once('exit', releaseOnExit);
      let app: AppSurface;
      try {
        app = createApp({
          dataDir,
          bodyLimit: options.bodyLimit,
          requestTimeoutMs: options.requestTimeout,
          durability: options.durability,
          readThread: true,
          onError: (error) => process.stderr.write(`${logLine(error, dbFile)}\n`),
        });
      } catch (error) {
        lock.release();
        throw error;
      }
      process.stderr.write(providerFileWarnings(app.providers.errors));
      let captureUrl = '';
      const control = createControlServer({
        handlers: createApiHandlers(app, { version: VERSION, captureUrl: () => captureUrl }),
        uiRoot: UI_ROOT,
        events: app.events,
        captureUrl: () => captureUrl,
      });
      let stopping: Promise<void> | undefined;
      let started = false;
      const stop = () =>
        (stopping ??= (async () => {
          await control.close();
          await app.close();
          lock.release();
          // A start that failed says so in its one error line, and nothing else.
          if (started && !options.json) process.stdout.write('stopped; every acknowledged request is stored\n');
        })());
      const stopped = new Promise<void>((done) => {
        const onSignal = () => void stop().then(done);
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      });
      try {
        const capture = await app.startCapture(options.port, options.host).catch((error: unknown) => {
          throw listenError(error, { port: options.port, host: options.host, flag: '--port' });
        });
        const shownHost = capture.family === 'IPv6' ? `[${capture.address}]` : capture.address;
        captureUrl = `http://${shownHost === '0.0.0.0' ? '127.0.0.1' : shownHost}:${capture.port}/`;
        const ui = await control.listen(options.uiPort).catch((error: unknown) => {
          throw listenError(error, { port: options.uiPort, host: '127.0.0.1', flag: '--ui-port' });
        });
        lock.update({ capturePort: capture.port, uiPort: ui.port });
        started = true;
        app.startBackground();
        app.sender(); // resumes retries left pending by an earlier run
        // The token rides in the fragment: a browser never sends it to the server, and the page removes it from the address bar.
        const uiUrl = `http://127.0.0.1:${ui.port}/#token=${control.token}`;
        if (options.open) openInBrowser(uiUrl);
        if (options.json) {
          process.stdout.write(
            `${jsonForTerminal(JSON.stringify({ captureUrl, uiUrl, token: control.token, dataDir: app.dataDir }))}\n`,
          );
        } else {
          process.stdout.write(
            `Hookscope ${VERSION} capturing on ${captureUrl}  (endpoints: ${captureUrl}<slug>/...)\n` +
              `UI and control API: ${uiUrl}\n` +
              `data: ${app.dataDir}\n`,
          );
        }
        if (options.tunnel) {
          const provider = options.tunnel === true ? DEFAULT_TUNNEL_PROVIDER : options.tunnel;
          const tunnel = {
            provider,
            host: options.tunnelHost,
            subdomain: options.subdomain,
            check: options.tunnelCheck,
            json: options.json,
          };
          startServeTunnel(app, tunnel, (line) =>
            process.stdout.write(`${options.json ? jsonForTerminal(line) : inertLine(line)}\n`),
          );
        }
      } catch (error) {
        await stop();
        throw error;
      }
      await stopped;
    });
}
