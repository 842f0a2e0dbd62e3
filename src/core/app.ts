import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createEventBus } from './events';
import { startBackground, type Background, type BackgroundTask } from './background';
import { systemClock } from './clock';
import { decodeBody, searchableText } from './capture/decode';
import { createEndpointRouter, type EndpointRouter } from './capture/endpoint-router';
import { createCaptureServer, type CaptureServer } from './capture/server';
import { createBatchWriter } from './capture/writer';
import { databasePath } from './paths';
import { createCaptureRepo } from './store/captures';
import { openDatabase } from './store/db';
import { createEndpointRepo } from './store/endpoints';
import { createSearchRepo } from './store/search';
import { startCheckpointer, type Checkpointer } from './store/checkpointer';
import { createSecretRepo } from './store/secrets';
import { createAnalysisRepo } from './store/analysis';
import { createDeliveryRepo } from './store/deliveries';
import { createProviderRegistry } from './providers';
import { createAppTunnel } from './tunnel';
import { createReplayService } from './replay';
import { createReplayRepo, toReplaySummary } from './store/replays';
import { createTransferRepo } from './store/export-import';
import { createRetentionRepo } from './store/retention';
import { createRetention } from './retention';
import { isBusy, withBusyRetry } from './store/busy-retry';
import { createEndpointService } from './services/endpoints';
import { createSecretService } from './services/secrets';
import { createAnalysisService } from './services/analysis';
import { createCaptureService } from './services/captures';
import { createCaptureWrites } from './services/capture-writes';
import { createSenders } from './services/senders';
import { createCleanupRepo } from './store/cleanup';
import { createReclaimer } from './store/reclaim';
import { createCleanup } from './cleanup';
import { createInteractiveGate } from './interactive';
import { createBacklogRepo } from './store/backlog';
import { createCoalescer } from './coalesce';
import { startReadThread, type ReadThread } from './reads/read-pool';
import { runRead } from './reads/read-methods';
import { schemaVersion } from './store/read-connection';
import type { App, AppOptions } from './app-types';
import { watchExternalCaptures, type ExternalCaptures } from './external-captures';

export const DEFAULT_BODY_LIMIT = 10 * 1024 * 1024;
/** During a burst, `captures.added` goes out at most this often. */
export const ADDED_EVENT_MS = 100;
/** No capture committed for this long: the background drains its backlog at full speed. */
export const QUIET_AFTER_MS = 200;

export type { App, AppOptions, AppSurface } from './app-types';

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
  const analyzeTask: BackgroundTask = (max) => analysis.analyzePending(max);
  const indexTask: BackgroundTask = (max) => search.indexPending(max);
  const tasks: BackgroundTask[] = [
    (max) => cleanup.run(max),
    (max) => retention.run(max),
    analyzeTask,
    indexTask,
    (max) => search.indexSlices(max),
    (max) => reclaimer.run(max),
  ];
  /** The tasks that work once per capture (its verdict, its index entry): what keeping up with arrivals costs. */
  const perCaptureTasks = [analyzeTask, indexTask].map((t) => tasks.indexOf(t));
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
  /** Captures another process adds (`hookscope import` beside serve), told as added: from startBackground. */
  let external: ExternalCaptures | undefined;
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
  /** Captures committed by this process so far: the rate the background keeps up with when it can (background.ts). */
  let committed = 0;
  const writer = createBatchWriter(
    (rows, alongside) => writes.insertMany(rows, alongside),
    (ids) => {
      lastCommitAt = clock.now();
      committed += ids.length;
      external?.ownCommitted(ids);
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
    transaction: <T>(work: () => T) => inTransaction.immediate(work) as T,
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
      external?.ownCommitted(ids);
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
      external ??= watchExternalCaptures({
        clock,
        dataVersion: () => db.pragma('data_version', { simple: true }) as number,
        maxId: () => captureRepo.maxId(),
        idsBetween: (after, upto, limit) => captureRepo.idsBetween(after, upto, limit),
        onAdded: (ids) => {
          if (events.size > 0) added.add(ids);
        },
        isTransient: isBusy,
        onError: options.onError,
      });
      background ??= startBackground(backgroundTasks, clock, {
        onError: options.onError,
        yieldTo: () => interactive.busy(),
        leaders: DELETIONS_LEAD,
        quiet: () => clock.now() - lastCommitAt > QUIET_AFTER_MS,
        arrivals: { count: () => committed, perCapture: perCaptureTasks },
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
      external?.stop();
      background?.stop();
      await readThread?.stop();
      await senders.stop();
      await checkpointer?.stop();
      db.close();
    },
  };
}
