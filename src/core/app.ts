import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { ResponseRule, RetentionLimits } from '../shared/capture-types';
import { createEventBus, type EventBus } from './events';
import { startBackground, type Background, type BackgroundTask } from './background';
import { systemClock, type Clock } from './clock';
import { decodeBody, searchableText } from './capture/decode';
import { createEndpointRouter, type EndpointRouter } from './capture/endpoint-router';
import { createCaptureServer, type CaptureServer } from './capture/server';
import { createBatchWriter } from './capture/writer';
import { databasePath } from './paths';
import { createCaptureRepo, type NewCapture, type StoredCapture } from './store/captures';
import { openDatabase, type Db, type Durability } from './store/db';
import { createEndpointRepo } from './store/endpoints';
import { createSearchRepo, type SearchRepo } from './store/search';
import { startCheckpointer, type Checkpointer } from './store/checkpointer';
import { createSecretRepo, type SecretSealer } from './store/secrets';
import { createAnalysisRepo } from './store/analysis';
import { createDeliveryRepo } from './store/deliveries';
import { createProviderRegistry, type ProviderRegistry } from './providers';
import type { Sender } from './sender';
import { createAppTunnel, type AppTunnel, type AppTunnelOptions } from './tunnel';
import { createReplayService, type ReplayService } from './replay';
import { createReplayRepo, toReplaySummary } from './store/replays';
import { createTransferRepo } from './store/export-import';
import { createRetentionRepo } from './store/retention';
import { createRetention, type Retention } from './retention';
import { isBusy, withBusyRetry } from './store/busy-retry';
import { createEndpointService, type EndpointChange, type EndpointService } from './services/endpoints';
import { createSecretService, type SecretService } from './services/secrets';
import { createAnalysisService, type AnalysisService } from './services/analysis';
import { createCaptureService, type CaptureService } from './services/captures';
import { createCaptureWrites } from './services/capture-writes';
import { createSenders, type CommandSenderOptions } from './services/senders';
import { createCleanupRepo } from './store/cleanup';
import { createReclaimer, type Reclaimer } from './store/reclaim';
import { createCleanup, type Cleanup } from './cleanup';
import { createInteractiveGate, type InteractiveGate } from './interactive';
import { createBacklogRepo } from './store/backlog';
import { createCoalescer } from './coalesce';
import type { ApiResults, Backlog } from '../shared/api';
import { startReadThread, type ReadThread } from './reads/read-pool';
import { runRead, type ReadArgs, type ThreadRead } from './reads/read-methods';
import { schemaVersion } from './store/read-connection';

export interface AppOptions {
  dataDir: string;
  clock?: Clock;
  /** Largest body stored whole (default 10 MiB). */
  bodyLimit?: number;
  /** Time a client has to send its whole request (default 120 s). */
  requestTimeoutMs?: number;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** The public tunnel's client and reconnection backoff (tests inject their own). */
  tunnel?: AppTunnelOptions;
  onError?: (error: unknown) => void;
  /** 'full': every commit waits for the disk (synchronous=FULL); default 'normal'. */
  durability?: Durability;
  /** Encrypts signing secrets at rest (the desktop app's safeStorage); without one they stay plain in the owner-only database. */
  secretSealer?: SecretSealer;
  /** Answer the UI's reads on a worker thread with a read-only connection of its own, from startBackground (serve, the desktop core). */
  readThread?: boolean;
}

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
/** During a burst, `captures.added` goes out at most this often. */
export const ADDED_EVENT_MS = 100;
/** No capture committed for this long: the background drains its backlog at full speed. */
export const QUIET_AFTER_MS = 200;

/**
 * What the shells (the CLI, the control server, the desktop's core process)
 * use: services and lifecycle, never the database or a repository.
 */
export interface AppSurface {
  readonly dataDir: string;
  readonly clock: Clock;
  /** Built-in providers plus the user's own from <data>/providers/*.json. */
  readonly providers: ProviderRegistry;
  /** Events for the UI: captures added or updated, endpoints changed, deliveries. */
  readonly events: EventBus;
  /** Marks the UI's calls, so that background work stands aside for them (src/core/interactive.ts). */
  readonly interactive: InteractiveGate;
  /** How far the background is behind: captures without a verdict yet, captures not yet searchable through the index. */
  backlog(): Backlog;
  /** The UI's reads of captures (src/core/reads): on the read thread while it runs (AppOptions.readThread), else on the main connection. */
  readonly reads: {
    run<M extends ThreadRead>(method: M, args: ReadArgs<M>): Promise<ApiResults[M]>;
    /** The read thread once startBackground started it; null without one. */
    thread(): ReadThread | null;
  };
  readonly endpoints: EndpointService;
  readonly secrets: SecretService;
  readonly captures: CaptureService;
  readonly analysis: AnalysisService;
  /** Replay, live forwarding, export/import and diff. */
  readonly replay: ReplayService;
  /** Per-endpoint limits (keep N, keep D days), applied in the background in small batches. */
  readonly retention: Retention;
  /** Deleting captures and endpoints in bounded slices (the UI, the API, `hookscope delete`). */
  readonly cleanup: Cleanup & {
    /** One bounded slice of the queued deletion in its own write transaction (a CLI beside a running serve); the rows taken. */
    runSlice(max: number): number;
  };
  /** Gives the pages freed by deletion back to the file system a few at a time (databases created with incremental vacuum). */
  readonly reclaimer: Reclaimer;
  /** The public tunnel: forwards to the capture server only, never to the control API. */
  readonly tunnel: AppTunnel;
  /** The app's one delivery engine, started on first use (resumes retries left pending; its events reach the UI). */
  sender(): Sender;
  /** A delivery engine for one CLI command (see services/senders.ts); stopped by the command or by close(). */
  commandSender(options?: CommandSenderOptions): Sender;
  /** Background work added by other modules; runs with the indexer and the analyzer. */
  addBackgroundTask(task: BackgroundTask): void;
  startCapture(port: number, host: string): Promise<AddressInfo>;
  /** Starts deferred work: search indexing, analysis, and WAL checkpoints on their own thread. */
  startBackground(): void;
  /** Finishes deferred work now (search index, analysis). */
  drainBackground(): void;
  /**
   * Finishes deferred work like drainBackground, but in small transactions
   * with `pause` after each, waiting out a busy database: another process (a
   * running serve) gets the database between them (`hookscope import`). Each
   * takes the write lock first (IMMEDIATE): a task that read before writing
   * would fail at once, not wait, when the other process wrote in between.
   */
  drainBackgroundGently(pause: (ms: number) => Promise<void>, max?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole app as createApp builds it: the surface plus the store, for the
 * core's own modules, tests and benchmarks that seed or inspect the database,
 * and the shortcuts those were written against (each one service call).
 */
export interface App extends AppSurface {
  readonly db: Db;
  readonly search: SearchRepo;
  /** Reads through the service; insertMany writes rows directly (tests and benchmarks seed with it). */
  readonly captures: CaptureService & { insertMany(rows: NewCapture[]): number[] };
  createEndpoint(
    slug: string,
    rule?: ResponseRule,
    provider?: string | null,
    limits?: Partial<RetentionLimits>,
  ): ReturnType<EndpointService['create']>;
  updateEndpoint(slug: string, patch: EndpointChange): ReturnType<EndpointService['update']>;
  setEndpointSecrets(slug: string, list: string[], mode?: 'add' | 'replace'): ReturnType<SecretService['set']>;
  captureAnalyzed(id: number): StoredCapture;
  reverify(id: number): StoredCapture;
  analyzeAll(): void;
}

/** The composition root: one database, its repositories, the services over them, and the servers on demand. No module globals. */
export function createApp(options: AppOptions): App {
  const clock = options.clock ?? systemClock;
  const dbFile = databasePath(options.dataDir);
  const db = openDatabase({ file: dbFile, nativeBinding: options.nativeBinding, durability: options.durability });
  const endpointRepo = createEndpointRepo(db, () => clock.now());
  const captureRepo = createCaptureRepo(db);
  const search = createSearchRepo(db, searchableText, (r) => decodeBody(r.headers, r.body).bytes);
  const secretRepo = createSecretRepo(db, () => clock.now(), options.secretSealer);
  const analysisRepo = createAnalysisRepo(db, (id) => captureRepo.get(id));
  const backlogRepo = createBacklogRepo(db);
  const providers = createProviderRegistry({ userDir: join(options.dataDir, 'providers') });
  const events = createEventBus(options.onError);
  /** The UI's calls go before background work (api/index.ts marks them; the background stands aside). */
  const interactive = createInteractiveGate(() => clock.now());
  const retention = createRetention({ repo: createRetentionRepo(db), now: () => clock.now() });

  let router: EndpointRouter | undefined;
  /** After an endpoint changes: the capture router reloads it, the UI hears of it. */
  const endpointsChanged = () => {
    router?.invalidate();
    events.emit('endpoints.changed', endpointRepo.list());
  };
  const endpoints = createEndpointService({
    repo: endpointRepo,
    retention,
    analysis: analysisRepo,
    changed: endpointsChanged,
  });
  const secrets = createSecretService({ repo: secretRepo, endpoints: endpointRepo, analysis: analysisRepo });
  const analysis = createAnalysisService({
    repo: analysisRepo,
    captures: captureRepo,
    endpoints: endpointRepo,
    secrets: secretRepo,
    providers,
    events,
    flushAdded: () => added.flush(),
  });
  const captures = createCaptureService({ repo: captureRepo, search, analysis });
  const senders = createSenders({ deliveries: () => createDeliveryRepo(db), clock, providers, events });
  /** Deleting captures and endpoints in bounded slices (the UI, the API, `hookscope delete`); the freed pages given back after. */
  const cleanup = createCleanup({
    repo: createCleanupRepo(db),
    endpoint: (slug) => endpointRepo.get(slug),
    onDeleted: (ids) => {
      if (events.size > 0) events.emit('captures.deleted', ids);
    },
    onEndpointGone: endpointsChanged,
  });
  const reclaimer = createReclaimer(db);

  /**
   * Deletions lead every tick (DELETIONS_LEAD): a person asked for them, and each row they take is one that
   * analysis and indexing no longer have to do. The others take turns.
   */
  const tasks: BackgroundTask[] = [
    (max) => cleanup.run(max),
    (max) => retention.run(max),
    (max) => analysis.analyzePending(max),
    (max) => search.indexPending(max),
    (max) => search.indexSlices(max),
    (max) => reclaimer.run(max),
  ];
  /**
   * The same tasks as the background runs them: another process writing (`hookscope import`) makes a batch
   * that read before it wrote fail at once with SQLITE_BUSY; that batch is done on a later tick, not reported.
   */
  const DELETIONS_LEAD = 2;
  const busyIsLater =
    (task: BackgroundTask): BackgroundTask =>
    (max) => {
      try {
        return task(max);
      } catch (error) {
        if (isBusy(error)) return 0;
        throw error;
      }
    };
  const backgroundTasks = tasks.map(busyIsLater);
  let captureServer: CaptureServer | undefined;
  let captureAddress: AddressInfo | null = null;
  let background: Background | undefined;
  let checkpointer: Checkpointer | undefined;
  let readThread: ReadThread | undefined;
  let closed = false;

  const tunnel = createAppTunnel({ events, clock, capture: () => captureAddress }, options.tunnel);

  const writes = createCaptureWrites(captureRepo, dbFile);
  /** New captures reach the UI at most every ADDED_EVENT_MS during a burst, in pages of 500. */
  const added = createCoalescer(clock, ADDED_EVENT_MS, (ids) => {
    if (events.size === 0) return;
    for (let i = 0; i < ids.length; i += 500)
      events.emit('captures.added', captureRepo.summariesByIds(ids.slice(i, i + 500)));
  });
  /** When captures were last committed: the background works at full speed only when none arrived lately. */
  let lastCommitAt = Number.NEGATIVE_INFINITY;
  const writer = createBatchWriter(
    (rows, alongside) => writes.insertMany(rows, alongside),
    (ids) => {
      lastCommitAt = clock.now();
      if (events.size > 0) added.add(ids);
    },
  );

  const inTransaction = db.transaction((work: () => unknown) => work());
  const replay = createReplayService({
    captures: captureRepo,
    endpoints: endpointRepo,
    secrets: secretRepo,
    providers,
    clock,
    replays: createReplayRepo(db),
    transfer: createTransferRepo(db),
    load: analysis.analyzed,
    analyzeAll: analysis.analyzeAll,
    transaction: <T>(work: () => T) => inTransaction(work) as T,
    alongside: writer,
    listening: () => events.size > 0,
    updateEndpoint(slug, patch) {
      const updated = endpointRepo.update(slug, patch);
      endpointsChanged();
      return updated;
    },
    onRecorded(r) {
      if (events.size === 0) return;
      events.emit('replays.added', [toReplaySummary(r)]);
      // A proxying endpoint's capture now records the target's answer as its own.
      if (r.kind === 'forward') events.emit('captures.updated', captureRepo.summariesByIds([r.captureId]));
    },
    onImported(ids, created) {
      if (created.length > 0) endpointsChanged();
      if (events.size > 0)
        for (let i = 0; i < ids.length; i += 500)
          events.emit('captures.added', captureRepo.summariesByIds(ids.slice(i, i + 500)));
    },
    onError: options.onError,
  });

  return {
    dataDir: options.dataDir,
    clock,
    db,
    search,
    providers,
    events,
    interactive,
    backlog: () => ({
      verdictsPending: backlogRepo.countAbove(analysisRepo.analyzedUpto()),
      indexPending: backlogRepo.countAbove(search.indexedUpto()),
    }),
    reads: {
      run(method, args) {
        const local = () => runRead(captures, method, args);
        // A capture the background has not analyzed yet gets its verdict here (with the secrets): no trip to the thread and back.
        const unanalyzed = method === 'captures.get' && (args as { id: number }).id > analysisRepo.analyzedUpto();
        if (readThread && !unanalyzed) return readThread.run(method, args, local);
        try {
          return Promise.resolve(local()); // read now, within the interactive call
        } catch (error) {
          return Promise.reject(error);
        }
      },
      thread: () => readThread ?? null,
    },
    endpoints,
    secrets,
    captures: { ...captures, insertMany: (rows) => captureRepo.insertMany(rows) },
    analysis,
    replay,
    retention,
    cleanup: { ...cleanup, runSlice: (max: number) => db.transaction(() => cleanup.run(max)).immediate() },
    reclaimer,
    tunnel,
    sender: senders.sender,
    commandSender: senders.commandSender,
    createEndpoint: endpoints.create,
    updateEndpoint: endpoints.update,
    setEndpointSecrets: secrets.set,
    captureAnalyzed: analysis.analyzed,
    reverify: analysis.reverify,
    analyzeAll: analysis.analyzeAll,
    addBackgroundTask(task) {
      tasks.push(task);
      backgroundTasks.push(busyIsLater(task));
    },
    async startCapture(port, host) {
      router = createEndpointRouter(
        endpointRepo,
        () => db.pragma('data_version', { simple: true }) as number,
        () => clock.now(),
      );
      captureServer = createCaptureServer({
        router,
        writer,
        clock,
        bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
        requestTimeoutMs: options.requestTimeoutMs ?? 120_000,
        onError: options.onError,
        forward: replay.forwarder.forward,
      });
      captureAddress = await captureServer.listen(port, host);
      return captureAddress;
    },
    startBackground() {
      background ??= startBackground(backgroundTasks, clock, {
        onError: options.onError,
        yieldTo: () => interactive.busy(),
        leaders: DELETIONS_LEAD,
        quiet: () => clock.now() - lastCommitAt > QUIET_AFTER_MS,
        // On the real clock an idle backlog is worked tick after tick, each after the I/O waiting (setImmediate).
        soon: options.clock
          ? undefined
          : (fn) => {
              const handle = setImmediate(fn);
              return () => clearImmediate(handle);
            },
      });
      checkpointer ??= startCheckpointer(db, dbFile, {
        nativeBinding: options.nativeBinding,
        onError: options.onError,
      });
      if (options.readThread)
        readThread ??= startReadThread({
          file: dbFile,
          schemaVersion: schemaVersion(db),
          nativeBinding: options.nativeBinding,
          clock,
          gate: interactive,
          onError: options.onError,
        });
    },
    drainBackground() {
      for (let i = 0; i < 100_000; i++) {
        let done = 0;
        for (const task of tasks) done += task(1000);
        if (done === 0) break;
      }
    },
    async drainBackgroundGently(pause, max = 64) {
      for (let done = 1; done > 0;) {
        done = 0;
        for (const task of tasks) {
          const started = clock.now();
          const n = await withBusyRetry(
            () => db.transaction(() => task(max)).immediate(),
            pause,
            () =>
              'the captures are stored; what is left (verdicts, search index) is finished by serve or the next command',
          );
          if (n > 0) await pause(clock.now() - started);
          done += n;
        }
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      tunnel.stop();
      await Promise.all([captureServer?.close(), replay.close()]);
      writer.flush();
      added.flush();
      background?.stop();
      await readThread?.stop();
      await senders.stop();
      await checkpointer?.stop();
      db.close();
    },
  };
}
