import type { AddressInfo } from 'node:net';
import type { RetentionLimits, ResponseRule } from '../shared/capture-types';
import { createEventBus } from './events';
import { startBackground, type Background, type BackgroundTask } from './background';
import { systemClock, type Clock } from './clock';
import { decodeBody, searchableText } from './capture/decode';
import { createEndpointRouter, type EndpointRouter } from './capture/endpoint-router';
import { createCaptureServer, type CaptureServer } from './capture/server';
import { createBatchWriter } from './capture/writer';
import { databasePath } from './paths';
import { createCaptureRepo } from './store/captures';
import { openDatabase, translateStoreError, type Durability } from './store/db';
import { createEndpointRepo, type EndpointPatch } from './store/endpoints';
import { createSearchRepo } from './store/search';
import { startCheckpointer, type Checkpointer } from './store/checkpointer';
import { createSecretRepo, type SecretSealer } from './store/secrets';
import { createAnalysisRepo } from './store/analysis';
import { analyzeCapture, type AnalysisContext } from './analysis/analyze';
import { createProviderRegistry } from './providers';
import { join } from 'node:path';
import { createSender, type Sender } from './sender';
import { createRegistryAdapter } from './sender/provider-glue';
import { createAppTunnel, type AppTunnelOptions } from './tunnel';
import { createReplayService } from './replay';
import { createReplayRepo, toReplaySummary } from './store/replays';
import { createTransferRepo } from './store/transfer';
import { createRetentionRepo } from './store/retention';
import { assertLimits, createRetention } from './retention';
import { isBusy, withBusyRetry } from './store/busy-retry';
import { createInteractiveGate } from './interactive';
import { createBacklogRepo } from './store/backlog';
import { createCoalescer } from './coalesce';
import type { Backlog } from '../shared/api';

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
}

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
/** During a burst, `captures.added` goes out at most this often. */
export const ADDED_EVENT_MS = 100;
/** No capture committed for this long: the background drains its backlog at full speed. */
export const QUIET_AFTER_MS = 200;

export type App = ReturnType<typeof createApp>;

/** The composition root: one database, its repositories, and the servers on demand. No module globals. */
export function createApp(options: AppOptions) {
  const clock = options.clock ?? systemClock;
  const dbFile = databasePath(options.dataDir);
  const db = openDatabase({ file: dbFile, nativeBinding: options.nativeBinding, durability: options.durability });
  const endpoints = createEndpointRepo(db, () => clock.now());
  const captures = createCaptureRepo(db);
  const search = createSearchRepo(db, searchableText, (r) => decodeBody(r.headers, r.body).bytes);
  const secrets = createSecretRepo(db, () => clock.now(), options.secretSealer);
  const analysis = createAnalysisRepo(db, (id) => captures.get(id));
  const backlogRepo = createBacklogRepo(db);
  /** Built-in providers plus the user's own from <data>/providers/*.json. */
  const providers = createProviderRegistry({ userDir: join(options.dataDir, 'providers') });
  const events = createEventBus(options.onError);
  /** The UI's calls go before background work (api.ts marks them; the background stands aside). */
  const interactive = createInteractiveGate(() => clock.now());
  function analysisContext(): AnalysisContext {
    const byId = new Map(endpoints.list().map((e) => [e.id, e]));
    const allSecrets = secrets.byEndpoint();
    return {
      registry: providers,
      endpoint: (id) => byId.get(id),
      secrets: (id) => allSecrets.get(id) ?? [],
      otherSecrets: (id) =>
        [...allSecrets].filter(([other]) => other !== id).flatMap(([other, list]) =>
          list.map((secret) => ({ label: `endpoint "${byId.get(other)?.slug ?? other}"`, secret })),
        ),
    };
  }

  /** Attributes and verifies up to `max` captures not yet analyzed (or whose verdict went stale). */
  function analyzePending(max: number): number {
    const { captures: batch, advanceTo } = analysis.pending(max);
    if (batch.length === 0) return 0;
    const ctx = analysisContext();
    analysis.save(batch.map((c) => analyzeCapture(c, ctx)), advanceTo);
    if (events.size > 0) events.emit('captures.updated', captures.summariesByIds(batch.map((c) => c.id)));
    return batch.length;
  }

  /** Per-endpoint limits (keep N, keep D days), applied in the background in small batches. */
  const retention = createRetention({ repo: createRetentionRepo(db), now: () => clock.now() });
  /** An endpoint's limits with a change over them (a limit left out is kept), checked before anything is written. */
  function mergedLimits(current: RetentionLimits, change: Partial<RetentionLimits>): RetentionLimits {
    return assertLimits({ keepCount: change.keepCount === undefined ? current.keepCount : change.keepCount, keepDays: change.keepDays === undefined ? current.keepDays : change.keepDays });
  }
  const tasks: BackgroundTask[] = [
    (max) => analyzePending(max),
    (max) => search.indexPending(max),
    (max) => search.indexSlices(max),
    (max) => retention.run(max),
  ];
  /**
   * The same tasks as the background runs them: another process writing (`hookscope import`) makes a batch
   * that read before it wrote fail at once with SQLITE_BUSY; that batch is done on a later tick, not reported.
   */
  const busyIsLater = (task: BackgroundTask): BackgroundTask => (max) => {
    try {
      return task(max);
    } catch (error) {
      if (isBusy(error)) return 0;
      throw error;
    }
  };
  const backgroundTasks = tasks.map(busyIsLater);
  let router: EndpointRouter | undefined;
  let captureServer: CaptureServer | undefined;
  let captureAddress: AddressInfo | null = null;
  let background: Background | undefined;
  let checkpointer: Checkpointer | undefined;
  let sender: Sender | undefined;
  let closed = false;

  /** The public tunnel: forwards to the capture server only, never to the control API. */
  const tunnel = createAppTunnel({ events, clock, capture: () => captureAddress }, options.tunnel);

  /** New captures reach the UI at most every ADDED_EVENT_MS during a burst, in pages of 500. */
  const added = createCoalescer(clock, ADDED_EVENT_MS, (ids) => {
    if (events.size === 0) return;
    for (let i = 0; i < ids.length; i += 500) events.emit('captures.added', captures.summariesByIds(ids.slice(i, i + 500)));
  });
  /** When captures were last committed: the background works at full speed only when none arrived lately. */
  let lastCommitAt = Number.NEGATIVE_INFINITY;
  /** Set once a write finds the file damaged: from then on nothing more is written to it. */
  let damaged: Error | undefined;
  const writer = createBatchWriter(
    (rows) => {
      if (damaged) throw damaged;
      try {
        return captures.insertMany(rows);
      } catch (error) {
        // A full disk or an unwritable file: the request gets a 503 naming the cause; nothing stored is touched.
        const translated = translateStoreError(error, dbFile);
        if (translated.code === 'DB_CORRUPT') damaged = translated;
        throw translated;
      }
    },
    (ids) => {
      lastCommitAt = clock.now();
      if (events.size > 0) added.add(ids);
    },
  );

  /** A capture with its provider and verdict, analyzing it now if the background has not yet. */
  function captureAnalyzed(id: number) {
    const stored = captures.get(id);
    if (id <= analysis.analyzedUpto() && !stored.staleVerdict) return stored;
    const result = analyzeCapture(stored, analysisContext());
    analysis.save([result], 0);
    return captures.get(id);
  }

  /** Replay, live forwarding, export/import and diff. */
  const replay = createReplayService({
    captures,
    endpoints,
    secrets,
    providers,
    clock,
    replays: createReplayRepo(db),
    transfer: createTransferRepo(db),
    load: captureAnalyzed,
    analyzeAll: () => {
      while (analyzePending(500) > 0);
    },
    updateEndpoint(slug, patch) {
      const updated = endpoints.update(slug, patch);
      router?.invalidate();
      events.emit('endpoints.changed', endpoints.list());
      return updated;
    },
    onRecorded(r) {
      if (events.size === 0) return;
      events.emit('replays.added', [toReplaySummary(r)]);
      // A proxying endpoint's capture now records the target's answer as its own.
      if (r.kind === 'forward') events.emit('captures.updated', captures.summariesByIds([r.captureId]));
    },
    onImported(ids, created) {
      if (created.length > 0) {
        router?.invalidate();
        events.emit('endpoints.changed', endpoints.list());
      }
      if (events.size > 0) for (let i = 0; i < ids.length; i += 500) events.emit('captures.added', captures.summariesByIds(ids.slice(i, i + 500)));
    },
    onError: options.onError,
  });

  return {
    dataDir: options.dataDir,
    clock,
    db,
    endpoints,
    captures,
    search,
    secrets,
    providers,
    /** Background work added by other modules; runs with the indexer and the analyzer. */
    addBackgroundTask(task: BackgroundTask): void {
      tasks.push(task);
      backgroundTasks.push(busyIsLater(task));
    },
    /** A capture with its provider and verdict, analyzing it now if the background has not yet. */
    captureAnalyzed,
    /**
     * The app's one delivery engine, started on first use: it resumes retries
     * left pending by an earlier run, and its events reach the UI.
     */
    sender(): Sender {
      if (!sender) {
        // handoffPollMs: a `hookscope send` interrupted or run with --detach hands its delivery over; take it at once.
        sender = createSender({ db, clock, providers: createRegistryAdapter({ registry: providers }), handoffPollMs: 500 });
        sender.on((e) => events.emit('deliveries.event', e));
      }
      return sender;
    },
    /** Verifies a capture again now, with its endpoint's current provider and secrets. */
    reverify(id: number) {
      analysis.save([analyzeCapture(captures.get(id), analysisContext())], 0);
      return captures.get(id);
    },
    /** Sets (or adds to) an endpoint's secrets and has its captures verified again. */
    setEndpointSecrets(slug: string, list: string[], mode: 'add' | 'replace' = 'replace') {
      const endpoint = endpoints.get(slug);
      if (mode === 'add') secrets.add(endpoint.id, list);
      else secrets.replace(endpoint.id, list);
      analysis.markEndpointStale(endpoint.id);
      return endpoint;
    },
    /** How far the background is behind: captures without a verdict yet, captures not yet searchable through the index. */
    backlog(): Backlog {
      return { verdictsPending: backlogRepo.countAbove(analysis.analyzedUpto()), indexPending: backlogRepo.countAbove(search.indexedUpto()) };
    },
    /** Analyzes every pending or stale capture now (one-shot commands). */
    analyzeAll(): void {
      while (analyzePending(500) > 0);
    },
    /** Events for the UI: captures added or updated, endpoints changed, and more as features land. */
    events,
    interactive,
    tunnel,
    replay,
    retention,
    /** Creates an endpoint, with retention limits when given (a bad limit creates nothing). */
    createEndpoint(slug: string, rule?: ResponseRule, provider: string | null = null, limits?: Partial<RetentionLimits>) {
      const wanted = limits && mergedLimits({ keepCount: null, keepDays: null }, limits);
      let created = endpoints.create(slug, rule, provider);
      if (wanted && (wanted.keepCount !== null || wanted.keepDays !== null)) {
        retention.setLimits(created.id, wanted);
        created = endpoints.get(slug);
      }
      router?.invalidate();
      events.emit('endpoints.changed', endpoints.list());
      return created;
    },
    /** Changes an endpoint; `retention` sets the limits it names (null lifts one), checked before anything is written. */
    updateEndpoint(slug: string, patch: EndpointPatch & { retention?: Partial<RetentionLimits> }) {
      const { retention: limits, ...rest } = patch;
      const before = endpoints.get(slug);
      const wanted = limits && mergedLimits(before.retention, limits);
      let updated = endpoints.update(slug, rest);
      if (wanted) {
        retention.setLimits(updated.id, wanted);
        updated = endpoints.get(slug);
      }
      if (updated.provider !== before.provider) analysis.markEndpointStale(updated.id);
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
        forward: replay.forwarder.forward,
      });
      captureAddress = await captureServer.listen(port, host);
      return captureAddress;
    },
    /** Starts deferred work: search indexing, analysis, and WAL checkpoints on their own thread. */
    startBackground(): void {
      background ??= startBackground(backgroundTasks, clock, {
        onError: options.onError,
        yieldTo: () => interactive.busy(),
        quiet: () => clock.now() - lastCommitAt > QUIET_AFTER_MS,
        // On the real clock an idle backlog is worked tick after tick, each after the I/O waiting (setImmediate).
        soon: options.clock ? undefined : (fn) => {
          const handle = setImmediate(fn);
          return () => clearImmediate(handle);
        },
      });
      checkpointer ??= startCheckpointer(db, dbFile, { nativeBinding: options.nativeBinding, onError: options.onError });
    },
    /** Finishes deferred work now (search index, analysis). */
    drainBackground(): void {
      for (let i = 0; i < 100_000; i++) {
        let done = 0;
        for (const task of tasks) done += task(1000);
        if (done === 0) break;
      }
    },
    /**
     * Finishes deferred work like drainBackground, but in small transactions
     * with `pause` after each, waiting out a busy database: another process (a
     * running serve) gets the database between them (`hookscope import`). Each
     * takes the write lock first (IMMEDIATE): a task that read before writing
     * would fail at once, not wait, when the other process wrote in between.
     */
    async drainBackgroundGently(pause: (ms: number) => Promise<void>, max = 64): Promise<void> {
      for (let done = 1; done > 0; ) {
        done = 0;
        for (const task of tasks) {
          const started = clock.now();
          const n = await withBusyRetry(() => db.transaction(() => task(max)).immediate(), pause, () => 'the captures are stored; what is left (verdicts, search index) is finished by serve or the next command');
          if (n > 0) await pause(clock.now() - started);
          done += n;
        }
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      tunnel.stop();
      await Promise.all([captureServer?.close(), replay.close()]);
      writer.flush();
      added.flush();
      background?.stop();
      await sender?.stop();
      await checkpointer?.stop();
      db.close();
    },
  };
}
