import type { ApiHandlers } from '../../shared/api';
import type { AppSurface } from '../app';

type CaptureHandlers = Pick<
  ApiHandlers,
  'captures.list' | 'captures.get' | 'captures.body' | 'captures.search' | 'captures.delete'
>;

/** Captures: the list, one with its verdict, its body, full-text search, and deleting them (in the background, in slices). */
export function createCaptureHandlers(app: AppSurface): CaptureHandlers {
  return {
    'captures.list': (args) => app.captures.list(args),
    'captures.get': ({ id }) => app.captures.detail(id),
    'captures.body': ({ id }) => app.captures.body(id),
    'captures.search': ({ text, limit }) => app.captures.search(text, limit ?? 50),
    'captures.delete': ({ ids, all, dryRun, ...filter }) => {
      const request = { ids, all, filter };
      return dryRun
        ? { count: app.cleanup.count(request), dryRun: true }
        : { ...app.cleanup.deleteCaptures(request), dryRun: false };
    },
  };
}
