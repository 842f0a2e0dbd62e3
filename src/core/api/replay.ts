import type { ApiHandlers } from '../../shared/api';
import type { ReplayApiResults } from '../../shared/replay-api';
import { toReplayView } from '../store/replays';
import type { ExportSelection } from '../store/export-import';
import type { AppSurface } from '../app';
import { parseSince } from '../replay/since';

type ReplayHandlers = Pick<ApiHandlers, keyof ReplayApiResults>;

function selectionOf(app: AppSurface, args: { ids?: number[]; endpoint?: string; since?: string }): ExportSelection {
  return {
    ids: args.ids,
    endpoint: args.endpoint,
    since: args.since === undefined ? undefined : parseSince(args.since, app.clock.now()),
  };
}

/** The replay, forwarding, export/import and diff methods of the API, over the app's replay service. */
export function createReplayHandlers(app: AppSurface): ReplayHandlers {
  return {
    'replays.send': async ({ id, bodyBase64, ...edits }) =>
      toReplayView(
        await app.replay.replay(id, {
          ...edits,
          body: bodyBase64 === undefined ? undefined : Buffer.from(bodyBase64, 'base64'),
        }),
      ),
    'replays.preview': ({ id, bodyBase64, ...edits }) =>
      app.replay.preview(id, {
        ...edits,
        body: bodyBase64 === undefined ? undefined : Buffer.from(bodyBase64, 'base64'),
      }),
    'replays.bulk': ({ ids, filter, concurrency, ...edits }) => {
      const selection = ids
        ? { ids }
        : {
            filter: {
              ...filter,
              since: filter?.since === undefined ? undefined : parseSince(filter.since, app.clock.now()),
            },
          };
      return app.replay.bulk(selection, { ...edits, concurrency });
    },
    'replays.list': ({ captureId }) => app.replay.list(captureId),
    'replays.get': ({ id }) => app.replay.get(id),
    'endpoints.forward': ({ slug, url, mode }) => app.replay.setForward(slug, url, mode),
    'export.curl': ({ id }) => app.replay.curl(id),
    'captures.curl': ({ id }) => app.replay.curlCopy(id),
    'export.har': (args) => app.replay.har(selectionOf(app, args)),
    'export.ndjson': (args) => ({ text: [...app.replay.ndjson(selectionOf(app, args))].join('\n') + '\n' }),
    'import.text': ({ text }) => app.replay.importText(text),
    'captures.diff': ({ a, b }) => app.replay.diff(a, b),
  };
}
