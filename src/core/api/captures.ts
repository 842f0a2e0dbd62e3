import type { ApiHandlers } from '../../shared/api';
import type { AppSurface } from '../app';

type CaptureHandlers = Pick<ApiHandlers, 'captures.list' | 'captures.get' | 'captures.body' | 'captures.search'>;

/** Reading captures: the list, one with its verdict, its body, full-text search. */
export function createCaptureHandlers(app: AppSurface): CaptureHandlers {
  return {
    'captures.list': (args) => app.captures.list(args),
    'captures.get': ({ id }) => app.captures.detail(id),
    'captures.body': ({ id }) => app.captures.body(id),
    'captures.search': ({ text, limit }) => app.captures.search(text, limit ?? 50),
  };
}
