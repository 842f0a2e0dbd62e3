import type { CaptureDetail, CaptureSummary } from '../../shared/capture-types';
import { decodeBody, isText } from '../capture/decode';
import { queryCaptures, type CaptureQuery } from '../capture-query';
import { toDetail, type CaptureRepo, type StoredCapture } from '../store/captures';
import type { SearchRepo } from '../store/search';
import type { AnalysisService } from './analysis';

export interface CaptureBody {
  bodyBase64: string;
  size: number;
  decoded: string[];
  error: string | null;
  isText: boolean;
}

export interface CaptureService {
  /** The store's filters, optionally narrowed to a full-text search's matches (`search`). */
  list(query?: CaptureQuery): CaptureSummary[];
  /** The capture as stored (its verdict may still be pending: see detail). */
  get(id: number): StoredCapture;
  find(id: number): StoredCapture | undefined;
  summariesByIds(ids: number[]): CaptureSummary[];
  count(): number;
  maxId(): number;
  /** The capture with its provider and verdict (analyzed now if the background has not yet), as the API shows it. */
  detail(id: number): CaptureDetail;
  /** The body decoded (gzip, deflate, br), as base64. */
  body(id: number): CaptureBody;
  /** Full-text search: summaries of the best matches, newest first. */
  search(text: string, limit?: number): CaptureSummary[];
}

/** Read access to the captures for the API, the CLI and the desktop (writes come through the capture server, import and retention). */
export function createCaptureService(deps: {
  repo: CaptureRepo;
  search: SearchRepo;
  analysis: Pick<AnalysisService, 'analyzed'>;
}): CaptureService {
  const { repo, search, analysis } = deps;
  return {
    list: (query) => queryCaptures({ captures: repo, search }, query ?? {}),
    get: (id) => repo.get(id),
    find: (id) => repo.find(id),
    summariesByIds: (ids) => repo.summariesByIds(ids),
    count: () => repo.count(),
    maxId: () => repo.maxId(),
    detail: (id) => toDetail(analysis.analyzed(id)),
    body(id) {
      const capture = repo.get(id);
      const { bytes, decoded, error } = decodeBody(capture.headers, capture.body);
      return {
        bodyBase64: bytes.toString('base64'),
        size: bytes.length,
        decoded,
        error: error ?? null,
        isText: isText(bytes),
      };
    },
    search: (text, limit = 50) => repo.summariesByIds(search.search(text, limit)),
  };
}
