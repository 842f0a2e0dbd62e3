import type { ImportReport } from '../../shared/replay-types';
import { DEFAULT_RULE } from '../../shared/capture-types';
import { HookscopeError } from '../../shared/errors';
import type { EndpointRepo } from '../store/endpoints';
import type { ReplayRepo } from '../store/replays';
import type { TransferRepo } from '../store/transfer';
import { parseHar } from './har-import';
import type { ImportPlan } from './import-plan';
import { parseNdjson } from './ndjson';

export interface ImportDeps {
  transfer: TransferRepo;
  endpoints: EndpointRepo;
  replays: ReplayRepo;
  /** Analyzes every capture still waiting, so the cursor can move past the imported ones. */
  analyzeAll(): void;
}

/** Reads an NDJSON export or a HAR document (told apart by content), validating all of it. */
export function parseImport(text: string, knownEndpoint: (slug: string) => boolean): ImportPlan {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new HookscopeError('IMPORT_INVALID', 'the file is empty; nothing was imported');
  let whole: unknown;
  try {
    whole = JSON.parse(body);
  } catch {
    whole = undefined;
  }
  if (whole !== null && typeof whole === 'object' && 'log' in whole) return parseHar(whole, knownEndpoint);
  if (!body.trimStart().startsWith('{')) {
    throw new HookscopeError('IMPORT_INVALID', 'the file is neither a Hookscope NDJSON export nor a HAR document; nothing was imported');
  }
  return parseNdjson(body);
}

/**
 * Writes a validated import in one transaction: endpoints created as needed
 * (with the rule and provider the file gives; forwarding is never turned on by
 * an import), captures with new ids and the verdicts they had, their replays.
 * A capture already present (same endpoint, time, method, URL and body) is
 * skipped, so importing a file twice adds nothing.
 */
export function writeImport(plan: ImportPlan, deps: ImportDeps): ImportReport & { newIds: number[] } {
  deps.analyzeAll();
  return deps.transfer.immediate(() => {
    if (!deps.transfer.nothingPending()) deps.analyzeAll();
    const endpointsCreated: string[] = [];
    const endpointId = new Map<string, number>();
    const resolve = (slug: string): number => {
      let id = endpointId.get(slug);
      if (id !== undefined) return id;
      const existing = deps.endpoints.find(slug);
      if (existing) id = existing.id;
      else {
        const spec = plan.endpoints.get(slug);
        id = deps.endpoints.create(slug, spec?.rule ?? DEFAULT_RULE, spec?.provider ?? null).id;
        endpointsCreated.push(slug);
      }
      endpointId.set(slug, id);
      return id;
    };
    const idMap: Record<string, number> = {};
    const newIds: number[] = [];
    let replays = 0;
    let skipped = 0;
    for (const item of plan.items) {
      const capture = { ...item.capture, endpointId: resolve(item.endpoint) };
      const duplicate = deps.transfer.findDuplicate(capture);
      if (duplicate !== undefined) {
        idMap[String(item.sourceId)] = duplicate;
        skipped++;
        continue;
      }
      const id = deps.transfer.insertImported(capture);
      idMap[String(item.sourceId)] = id;
      newIds.push(id);
      for (const r of item.replays) {
        deps.replays.add({ ...r, captureId: id });
        replays++;
      }
    }
    deps.transfer.markAllAnalyzed();
    return { format: plan.format, captures: newIds.length, replays, skipped, endpointsCreated, idMap, newIds };
  });
}
