import type { ImportReport } from '../../shared/replay-types';
import { DEFAULT_RULE } from '../../shared/capture-types';
import { HookscopeError } from '../../shared/errors';
import type { Clock } from '../clock';
import { withBusyRetry } from '../store/busy-retry';
import type { EndpointRepo } from '../store/endpoints';
import type { ReplayRepo } from '../store/replays';
import type { TransferRepo } from '../store/export-import';
import { harEntries, harEntryItem, parseHarText } from './har-import';
import type { ImportItem, ValidatedImport } from './import-plan';
import { sourceLines, sourceText, type ImportSource } from './import-source';
import { newNdjsonState, parseLine, readNdjsonLine } from './ndjson-import';

/**
 * Import in two passes. The first reads the whole file, one record at a time,
 * and validates every field (nothing is written if any record is bad). The
 * second writes it in slices: each slice is one short transaction, bounded by
 * time on the injected clock and by rows and bytes, and between slices the
 * importer yields (`pause`) so that webhooks arriving meanwhile are stored
 * and answered: in the same process (the control API inside `serve`) and in
 * another one (the CLI beside a running `serve`, which waits on the lock).
 *
 * If the process dies mid-import, the slices already committed stay, each
 * capture with its replays. Running the same import again finishes it: a
 * capture already present (same endpoint, time, method, URL and body, found
 * through the index of migration 010) is skipped, not added twice.
 */

export interface ImportDeps {
  transfer: TransferRepo;
  endpoints: EndpointRepo;
  replays: ReplayRepo;
  clock: Clock;
  /** True for a slug that names an endpoint here (a HAR entry is routed by its path). */
  knownEndpoint(slug: string): boolean;
}

export interface ImportOptions {
  /** Longest a slice holds the thread and the database, by the clock (default 25 ms). */
  sliceMs?: number;
  /** Called between slices; resolves when the next may start (default: one turn of the event loop). */
  pause?: (sliceMs: number) => Promise<void>;
  /** Told of each slice committed: the new capture ids and endpoints it created. */
  onSlice?: (newIds: number[], endpointsCreated: string[]) => void;
}

export const DEFAULT_SLICE_MS = 25;
/** Most captures in one slice, and most body bytes read ahead of it. */
const SLICE_ROWS = 500;
const SLICE_BYTES = 8 * 1024 * 1024;

/**
 * The pause after a slice: as long as the slice took. A webhook takes several
 * turns of the event loop (accept, read, the writer's commit on setImmediate,
 * the answer); a pause of a bare turn would let each of them wait a whole
 * slice again, while one as long as the slice lets them all run in it. A
 * timer, not setImmediate, so the writer's commit comes before the next slice.
 */
export const yieldToEventLoop = (sliceMs: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.max(1, sliceMs)));

function itemBytes(item: ImportItem): number {
  let n = item.capture.body.length + 512;
  for (const r of item.replays) n += r.request.body.length + r.responseBody.length + 512;
  return n;
}

/** Checks run for longer than a slice: the validation pass yields too, or capture would wait on it. */
interface Pacing {
  clock: Clock;
  sliceMs: number;
  pause: (ms: number) => Promise<void>;
}

/** Yields once `sliceMs` has passed since the last yield. */
function pacer({ clock, sliceMs, pause }: Pacing): () => Promise<void> {
  let mark = clock.now();
  return async () => {
    const elapsed = clock.now() - mark;
    if (elapsed < sliceMs) return;
    await pause(elapsed);
    mark = clock.now();
  };
}

/** NDJSON: every line read and checked; the captures read again on demand. */
async function validateNdjson(source: ImportSource, pacing: Pacing): Promise<ValidatedImport> {
  const state = newNdjsonState();
  const pace = pacer(pacing);
  let count = 0;
  for await (const { n, text } of sourceLines(source)) {
    if (readNdjsonLine(text, n, state)) count++;
    await pace();
  }
  if (!state.sawHeader) throw new HookscopeError('IMPORT_INVALID', 'the file is empty; nothing was imported');
  return {
    format: 'ndjson',
    endpoints: state.endpoints,
    count,
    async *items() {
      const again = newNdjsonState();
      for await (const { n, text } of sourceLines(source)) {
        const item = readNdjsonLine(text, n, again);
        if (item) yield item;
      }
    },
  };
}

/** HAR: one JSON document, parsed whole (after its depth is checked); every entry checked. */
async function validateHar(
  entries: unknown[],
  known: (slug: string) => boolean,
  pacing: Pacing,
): Promise<ValidatedImport> {
  const pace = pacer(pacing);
  for (let i = 0; i < entries.length; i++) {
    harEntryItem(entries[i], i, known);
    await pace();
  }
  return {
    format: 'har',
    endpoints: new Map(),
    count: entries.length,
    async *items() {
      for (let i = 0; i < entries.length; i++) yield harEntryItem(entries[i], i, known);
    },
  };
}

/**
 * Reads and validates a whole NDJSON export or HAR document (told apart by the
 * first line), yielding every `sliceMs`; throws IMPORT_INVALID. A HAR is one
 * JSON value: its JSON.parse is the one step that cannot be cut in slices.
 */
export async function validateImport(
  source: ImportSource,
  known: (slug: string) => boolean,
  pacing: Pacing,
): Promise<ValidatedImport> {
  let first: { n: number; text: string } | undefined;
  for await (const line of sourceLines(source)) {
    if (line.text.trim() !== '') {
      first = line;
      break;
    }
  }
  if (first === undefined) throw new HookscopeError('IMPORT_INVALID', 'the file is empty; nothing was imported');
  const head = first.text.trim();
  let value: unknown;
  if (head.startsWith('{') && head !== '{') {
    // A whole record on the first line: NDJSON, or a HAR written on one line.
    value = parseLine(head, first.n);
    if (value !== null && typeof value === 'object' && 'log' in value)
      return validateHar(harEntries(value), known, pacing);
    return validateNdjson(source, pacing);
  }
  if (!head.startsWith('{')) {
    throw new HookscopeError(
      'IMPORT_INVALID',
      'the file is neither a Hookscope NDJSON export nor a HAR document; nothing was imported',
    );
  }
  return validateHar(parseHarText(await sourceText(source)), known, pacing);
}

interface SliceResult {
  consumed: number;
  newIds: number[];
  created: string[];
  replays: number;
  skipped: number;
  idMap: Array<[string, number]>;
  endpointIds: Array<[string, number]>;
}

/**
 * Writes a validated import, slice by slice. Endpoints are created as needed
 * with the rule and provider the file gives (forwarding is never turned on by
 * an import); captures get new ids and no verdict (the analysis verifies them
 * here, whatever the file said), their replays are kept.
 */
export async function writeImport(
  plan: ValidatedImport,
  deps: ImportDeps,
  options: ImportOptions = {},
): Promise<ImportReport & { newIds: number[] }> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const pause = options.pause ?? yieldToEventLoop;
  const endpointId = new Map<string, number>();
  const report = {
    format: plan.format,
    captures: 0,
    replays: 0,
    skipped: 0,
    endpointsCreated: [] as string[],
    idMap: {} as Record<string, number>,
    newIds: [] as number[],
  };

  function slice(items: ImportItem[], started: number): SliceResult {
    const result: SliceResult = {
      consumed: 0,
      newIds: [],
      created: [],
      replays: 0,
      skipped: 0,
      idMap: [],
      endpointIds: [],
    };
    const local = new Map<string, number>();
    const resolve = (slug: string): number => {
      let id = endpointId.get(slug) ?? local.get(slug);
      if (id !== undefined) return id;
      const existing = deps.endpoints.find(slug);
      if (existing) id = existing.id;
      else {
        const spec = plan.endpoints.get(slug);
        id = deps.endpoints.create(slug, spec?.rule ?? DEFAULT_RULE, spec?.provider ?? null).id;
        result.created.push(slug);
      }
      local.set(slug, id);
      return id;
    };
    for (const item of items) {
      if (result.consumed > 0 && deps.clock.now() - started >= sliceMs) break;
      result.consumed++;
      const capture = { ...item.capture, endpointId: resolve(item.endpoint) };
      const duplicate = deps.transfer.findDuplicate(capture);
      if (duplicate !== undefined) {
        result.idMap.push([String(item.sourceId), duplicate]);
        result.skipped++;
        continue;
      }
      const id = deps.transfer.insertImported(capture);
      result.idMap.push([String(item.sourceId), id]);
      result.newIds.push(id);
      for (const r of item.replays) {
        deps.replays.add({ ...r, captureId: id });
        result.replays++;
      }
    }
    result.endpointIds = [...local];
    return result;
  }

  /** Commits `items` in as many slices as it takes, pausing after each; the first slice's time began when reading them did. */
  async function writeAll(items: ImportItem[], readingStarted: number): Promise<void> {
    let rest = items;
    let started = readingStarted;
    while (rest.length > 0) {
      const turn = started;
      const done = await withBusyRetry(
        () => deps.transfer.immediate(() => slice(rest, turn)),
        pause,
        () => progress(),
      );
      for (const [slug, id] of done.endpointIds) endpointId.set(slug, id);
      for (const [from, to] of done.idMap) report.idMap[from] = to;
      report.newIds.push(...done.newIds);
      report.endpointsCreated.push(...done.created);
      report.captures += done.newIds.length;
      report.replays += done.replays;
      report.skipped += done.skipped;
      options.onSlice?.(done.newIds, done.created);
      rest = rest.slice(done.consumed);
      await pause(Math.max(0, deps.clock.now() - started));
      started = deps.clock.now();
    }
  }

  const progress = () =>
    `${report.captures + report.skipped} of the file's ${plan.count} captures were written or found already here (run the same import again to finish it)`;

  // Each turn reads records (for at most half a slice) and then writes them (until the slice's time is up).
  let pending: ImportItem[] = [];
  let bytes = 0;
  let readingStarted = deps.clock.now();
  try {
    for await (const item of plan.items()) {
      pending.push(item);
      bytes += itemBytes(item);
      if (pending.length >= SLICE_ROWS || bytes >= SLICE_BYTES || deps.clock.now() - readingStarted >= sliceMs / 2) {
        await writeAll(pending, readingStarted);
        pending = [];
        bytes = 0;
        readingStarted = deps.clock.now();
      }
    }
    await writeAll(pending, readingStarted);
  } catch (error) {
    // The file changed between the passes, or the disk failed: say what landed.
    if (
      error instanceof HookscopeError &&
      report.captures + report.skipped > 0 &&
      !error.message.includes('were written')
    ) {
      throw new HookscopeError(
        error.code,
        `${error.message.replace(/; nothing was imported$/, '')}; ${progress()}`,
        error.details,
      );
    }
    throw error;
  }
  return report;
}
