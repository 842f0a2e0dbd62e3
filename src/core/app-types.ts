import type { AddressInfo } from 'node:net';
import type { ResponseRule, RetentionLimits } from '../shared/capture-types';
import type { ApiResults, Backlog } from '../shared/api';
import type { EventBus } from './events';
import type { BackgroundTask } from './background';
import type { Clock } from './clock';
import type { NewCapture, StoredCapture } from './store/captures';
import type { Db, Durability } from './store/db';
import type { SearchRepo } from './store/search';
import type { SecretSealer } from './store/secrets';
import type { ProviderRegistry } from './providers';
import type { Sender } from './sender';
import type { AppTunnel, AppTunnelOptions } from './tunnel';
import type { ReplayService } from './replay';
import type { Retention } from './retention';
import type { EndpointChange, EndpointService } from './services/endpoints';
import type { SecretService } from './services/secrets';
import type { AnalysisService } from './services/analysis';
import type { CaptureService } from './services/captures';
import type { CommandSenderOptions } from './services/senders';
import type { Reclaimer } from './store/reclaim';
import type { Cleanup } from './cleanup';
import type { InteractiveGate } from './interactive';
import type { ReadThread } from './reads/read-pool';
import type { ReadArgs, ThreadRead } from './reads/read-methods';

/** What createApp (app.ts) is given, and what it hands the shells and the core's own modules. */

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
