import type { ApiHandlers } from '../../shared/api';
import type { AppSurface } from '../app';

type CaptureHandlers = Pick<
  ApiHandlers,
  'captures.list' | 'captures.get' | 'captures.body' | 'captures.search' | 'captures.delete'
>;

/** Captures: the list, one with its verdict, its body, full-text search, and deleting them (in the background, in slices). */
export function createCaptureHandlers(app: AppSurface): CaptureHandlers {
  return {
    // The UI's reads: on the read thread when serve runs one (src/core/reads), else here.
    'captures.list': (args) => app.reads.run('captures.list', args),
    'captures.get': (args) => app.reads.run('captures.get', args),
    'captures.body': (args) => app.reads.run('captures.body', args),
    'captures.search': (args) => app.reads.run('captures.search', args),
    'captures.delete': ({ ids, all, dryRun, ...filter }) => {
      const request = { ids, all, filter };
      return dryRun
        ? { count: app.cleanup.count(request), dryRun: true }
        : { ...app.cleanup.deleteCaptures(request), dryRun: false };
    },
  };
}
