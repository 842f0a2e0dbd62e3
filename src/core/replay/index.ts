import type { Endpoint } from '../../shared/capture-types';
import type {
  BulkReplaySummary,
  CaptureDiff,
  CurlCopy,
  CurlExport,
  ImportReport,
  ReplayView,
} from '../../shared/replay-types';
import type { HarDocument } from '../../shared/har-types';
import { HookscopeError } from '../../shared/errors';
import type { Clock } from '../clock';
import type { ProviderRegistry } from '../providers';
import type { CaptureRepo, ListFilter, StoredCapture } from '../store/captures';
import type { EndpointRepo } from '../store/endpoints';
import { toReplayView, type ReplayRepo, type StoredReplay } from '../store/replays';
import type { SecretRepo } from '../store/secrets';
import type { ExportSelection, TransferRepo } from '../store/export-import';
import { parseTargetUrl, performAttempt } from '../sender/attempt';
import type { AttemptFn } from '../sender/types';
import { MAX_BULK_CONCURRENCY, runBulk } from './bulk';
import { buildCurl } from '../curl/build';
import { diffCaptures } from './diff';
import { createForwarder, type ForwarderDeps } from './forward';
import { toHar } from './har';
import { DEFAULT_SLICE_MS, validateImport, writeImport, yieldToEventLoop, type ImportOptions } from './import';
import { textSource, type ImportSource } from './import-source';
import { captureLine, endpointLine, headerLine } from './ndjson';
import { createReplayer, type ReplayRequest } from './replay';

export interface ReplayServiceDeps {
  captures: CaptureRepo;
  endpoints: EndpointRepo;
  secrets: SecretRepo;
  providers: ProviderRegistry;
  replays: ReplayRepo;
  transfer: TransferRepo;
  clock: Clock;
  /** A capture with its provider and verdict, analyzed now if need be. */
  load(id: number): StoredCapture;
  analyzeAll(): void;
  /** Changes an endpoint the way the app does (router reload, UI event). */
  updateEndpoint(slug: string, patch: { forwardUrl?: string | null; forwardMode?: 'rule' | 'proxy' }): Endpoint;
  /** Runs `work` in one write transaction (a turn's forward records are stored together). */
  transaction<T>(work: () => T): T;
  /** The capture writer: a turn's forward records join its transaction when captures are being committed. */
  alongside?: ForwarderDeps['alongside'];
  /** Whether anyone hears of forwards recorded; nobody listening, a forward's record is not read back. */
  listening?(): boolean;
  /** Told of every replay or forward recorded, and of captures and endpoints an import added. */
  onRecorded?(replay: StoredReplay): void;
  onImported?(captureIds: number[], endpointsCreated: string[]): void;
  onError?(error: unknown): void;
  /** The HTTP exchange; default performAttempt. */
  attempt?: AttemptFn;
  forwardTimeoutMs?: number;
}

/** Which captures a bulk replay sends: given ids, in that order, or a filter, oldest first. */
export type BulkSelection = { ids: number[] } | { filter: Omit<ListFilter, 'beforeId' | 'limit'> & { since?: number } };

export interface BulkOptions extends Pick<ReplayRequest, 'url' | 'resign' | 'secret' | 'timeoutMs'> {
  concurrency?: number;
}

/** Most captures one bulk replay sends. */
export const MAX_BULK = 10_000;

export type ReplayService = ReturnType<typeof createReplayService>;

/** Replay, forwarding, export/import and diff over one database. */
export function createReplayService(deps: ReplayServiceDeps) {
  const attempt = deps.attempt ?? performAttempt;
  const replayer = createReplayer({ ...deps, attempt });
  const forwarder = createForwarder({
    replays: deps.replays,
    setResponse: (id, response) => deps.captures.setResponse(id, response),
    transaction: deps.transaction,
    alongside: deps.alongside,
    listening: deps.listening,
    clock: deps.clock,
    attempt,
    timeoutMs: deps.forwardTimeoutMs,
    onRecorded: deps.onRecorded,
    onError: deps.onError,
  });

  function selectBulk(selection: BulkSelection): number[] {
    if ('ids' in selection) {
      if (selection.ids.length > MAX_BULK)
        throw new HookscopeError(
          'BAD_INPUT',
          `at most ${MAX_BULK} captures per bulk replay, got ${selection.ids.length}`,
        );
      for (const id of selection.ids) deps.captures.get(id);
      return selection.ids;
    }
    const { since, ...filter } = selection.filter;
    if (filter.endpoint) deps.endpoints.get(filter.endpoint);
    const rows = deps.captures.list({ ...filter, limit: MAX_BULK + 1 });
    if (rows.length > MAX_BULK)
      throw new HookscopeError('BAD_INPUT', `more than ${MAX_BULK} captures match; narrow the selection`);
    return rows
      .filter((r) => since === undefined || Date.parse(r.receivedAt) >= since)
      .map((r) => r.id)
      .reverse();
  }

  function* selected(selection: ExportSelection): Generator<StoredCapture> {
    deps.analyzeAll();
    for (const id of deps.transfer.selectIds(selection)) yield deps.captures.get(id);
  }

  function checkSelection(selection: ExportSelection): void {
    if (selection.endpoint !== undefined) deps.endpoints.get(selection.endpoint);
    for (const id of selection.ids ?? []) deps.captures.get(id);
  }

  /**
   * Imports an NDJSON export or a HAR document: validated whole first (on any
   * problem, nothing is written), then written in short slices that leave
   * capture the database between them (import.ts).
   */
  async function importFrom(source: ImportSource, options: Omit<ImportOptions, 'onSlice'> = {}): Promise<ImportReport> {
    const known = (slug: string) => deps.endpoints.find(slug) !== undefined;
    const plan = await validateImport(source, known, {
      clock: deps.clock,
      sliceMs: options.sliceMs ?? DEFAULT_SLICE_MS,
      pause: options.pause ?? yieldToEventLoop,
    });
    const { newIds: _ids, ...report } = await writeImport(
      plan,
      {
        transfer: deps.transfer,
        endpoints: deps.endpoints,
        replays: deps.replays,
        clock: deps.clock,
        knownEndpoint: known,
      },
      { ...options, onSlice: (ids, created) => deps.onImported?.(ids, created) },
    );
    return report;
  }

  return {
    forwarder,
    /** Sends a capture again (as captured, or edited; re-signed on request) and records it. */
    replay: (captureId: number, request: ReplayRequest = {}): Promise<StoredReplay> =>
      replayer.replay(captureId, request),
    /** What a replay would send (re-signed headers included), without sending it. */
    preview: (captureId: number, request: ReplayRequest = {}) => replayer.preview(captureId, request),
    /** Replays a selection in order, `concurrency` at a time (default 4). */
    async bulk(
      selection: BulkSelection,
      options: BulkOptions = {},
      onEach?: Parameters<typeof runBulk>[3],
    ): Promise<BulkReplaySummary> {
      const concurrency = options.concurrency ?? 4;
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > MAX_BULK_CONCURRENCY) {
        throw new HookscopeError(
          'BAD_INPUT',
          `concurrency must be between 1 and ${MAX_BULK_CONCURRENCY}, got ${concurrency}`,
        );
      }
      if (options.url !== undefined) parseTargetUrl(options.url);
      const ids = selectBulk(selection);
      const { concurrency: _, ...edits } = options;
      return runBulk(ids, (id) => replayer.replay(id, edits), concurrency, onEach);
    },
    /** A capture's replays and forwards, oldest first. */
    list(captureId: number): ReplayView[] {
      deps.captures.get(captureId);
      return deps.replays.ofCapture(captureId).map(toReplayView);
    },
    get: (id: number): ReplayView => toReplayView(deps.replays.get(id)),
    /** Turns live forwarding of an endpoint on (an http(s) URL) or off (null). */
    setForward(slug: string, url: string | null, mode?: 'rule' | 'proxy'): Endpoint {
      deps.endpoints.get(slug);
      if (url !== null) parseTargetUrl(url);
      return deps.updateEndpoint(slug, { forwardUrl: url, ...(mode ? { forwardMode: mode } : {}) });
    },
    /** A cURL line whose binary body is a file the caller writes (bodyFile, by default `hookscope-<id>.body`). */
    curl(captureId: number): CurlExport {
      const { command, bodyFile, notes } = buildCurl(deps.captures.get(captureId), { body: 'file' });
      return {
        command,
        bodyFile: bodyFile && { name: bodyFile.name, bodyBase64: bodyFile.bytes.toString('base64') },
        notes,
      };
    },
    /** A self-contained cURL line for the clipboard: a binary body is piped in from base64 on the same line. */
    curlCopy(captureId: number): CurlCopy {
      const { command, notes } = buildCurl(deps.captures.get(captureId), { body: 'pipe' });
      return { command, notes };
    },
    /** Ids an export would hold, oldest first (validates the selection). */
    exportIds(selection: ExportSelection): number[] {
      checkSelection(selection);
      return deps.transfer.selectIds(selection);
    },
    /** Captures of a selection, oldest first, each loaded when reached. */
    exportCaptures(selection: ExportSelection): Generator<StoredCapture> {
      checkSelection(selection);
      return selected(selection);
    },
    har(selection: ExportSelection): HarDocument {
      checkSelection(selection);
      return toHar(selected(selection));
    },
    /** The NDJSON export, line by line (no newlines): header, endpoints, captures with their replays. */
    *ndjson(selection: ExportSelection): Generator<string> {
      checkSelection(selection);
      deps.analyzeAll();
      const ids = deps.transfer.selectIds(selection);
      yield headerLine(deps.clock.now());
      const endpointIds = new Set(deps.transfer.endpointIdsOf(ids));
      for (const e of deps.endpoints.list()) if (endpointIds.has(e.id)) yield endpointLine(e);
      for (const id of ids) yield captureLine(deps.captures.get(id), deps.replays.ofCapture(id));
    },
    importFrom,
    /** The control API's import: the file's text, sliced like any other. */
    importText: (text: string): Promise<ImportReport> => importFrom(textSource(text)),
    diff: (a: number, b: number): CaptureDiff => diffCaptures(deps.captures.get(a), deps.captures.get(b)),
    /** Stops forwarding, giving forwards under way `graceMs` to finish. */
    close: (graceMs?: number): Promise<void> => forwarder.close(graceMs),
  };
}
