import type { AddressInfo } from 'node:net';
import type { ResponseRule } from '../shared/capture-types';
import { createEventBus } from './events';
import { startBackground, type Background, type BackgroundTask } from './background';
import { systemClock, type Clock } from './clock';
import { searchableText } from './capture/decode';
import { createEndpointRouter, type EndpointRouter } from './capture/endpoint-router';
import { createCaptureServer, type CaptureServer } from './capture/server';
import { createBatchWriter } from './capture/writer';
import { databasePath } from './paths';
import { createCaptureRepo } from './store/captures';
import { openDatabase } from './store/db';
import { createEndpointRepo, type EndpointPatch } from './store/endpoints';
import { createSearchRepo } from './store/search';
import { startCheckpointer, type Checkpointer } from './store/checkpointer';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  /** Largest body stored whole (default 10 MiB). */
  bodyLimit?: number;
  /** Time a client has to send its whole request (default 120 s). */
  requestTimeoutMs?: number;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  onError?: (error: unknown) => void;
}

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;

export type App = ReturnType<typeof createApp>;

/** The composition root: one database, its repositories, and the servers on demand. No module globals. */
export function createApp(options: AppOptions) {
  const clock = options.clock ?? systemClock;
  const dbFile = databasePath(options.dataDir);
  const db = openDatabase({ file: dbFile, nativeBinding: options.nativeBinding });
  const endpoints = createEndpointRepo(db, () => clock.now());
  const captures = createCaptureRepo(db);
  const search = createSearchRepo(db, searchableText);
  const events = createEventBus(options.onError);
  const tasks: BackgroundTask[] = [() => search.indexPending(200)];
  let router: EndpointRouter | undefined;
  let captureServer: CaptureServer | undefined;
  let background: Background | undefined;
  let checkpointer: Checkpointer | undefined;
  let closed = false;

  const writer = createBatchWriter(
    (rows) => captures.insertMany(rows),
    (ids) => {
      if (events.size > 0) events.emit('captures.added', captures.summariesByIds(ids));
    },
  );

  return {
    dataDir: options.dataDir,
    clock,
    db,
    endpoints,
    captures,
    search,
    /** Background work added by other modules (analysis); runs with the indexer. */
    addBackgroundTask(task: BackgroundTask): void {
      tasks.push(task);
    },
    /** Events for the UI: captures added or updated, endpoints changed, and more as features land. */
    events,
    createEndpoint(slug: string, rule?: ResponseRule, provider: string | null = null) {
      const created = endpoints.create(slug, rule, provider);
      router?.invalidate();
      events.emit('endpoints.changed', endpoints.list());
      return created;
    },
    updateEndpoint(slug: string, patch: EndpointPatch) {
      const updated = endpoints.update(slug, patch);
      router?.invalidate();
      events.emit('endpoints.changed', endpoints.list());
      return updated;
    },
    async startCapture(port: number, host: string): Promise<AddressInfo> {
      router = createEndpointRouter(endpoints, () => db.pragma('data_version', { simple: true }) as number, () => clock.now());
      captureServer = createCaptureServer({
        router,
        writer,
        clock,
        bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
        requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
        onError: options.onError,
      });
      return captureServer.listen(port, host);
    },
    /** Starts deferred work: search indexing, analysis, and WAL checkpoints on their own thread. */
    startBackground(): void {
      background ??= startBackground(tasks, clock, { onError: options.onError });
      checkpointer ??= startCheckpointer(db, dbFile, { nativeBinding: options.nativeBinding, onError: options.onError });
    },
    /** Finishes deferred work now (search index, analysis). */
    drainBackground(): void {
      for (let i = 0; i < 100_000; i++) {
        let done = 0;
        for (const task of tasks) done += task();
        if (done === 0) break;
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await captureServer?.close();
      writer.flush();
      background?.stop();
      await checkpointer?.stop();
      db.close();
    },
  };
}
