import { create } from 'zustand';
import type { CaptureDetail } from '../../../src/shared/capture-types';
import type { ReplayPreview, ReplayView } from '../../../src/shared/replay-types';
import { base64ToBytes, utf8OrNull } from '../detail/bytes';
import { useEndpoints } from '../endpoints/store';
import { call, errorText } from '../transport';
import { recall, recallRecord, remember } from '../remembered';
import { useUi } from '../ui-store';
import { initialForm, previewArgs, sendArgs, type FormErrors, type ReplayFormState, type ReplayOriginal } from './form';
import { defaultReplayUrl, type TargetSource } from './target';

const LAST_URL_KEY = 'hookscope.replay.lastUrl';
const LAST_URL_BY_ENDPOINT_KEY = 'hookscope.replay.lastUrlByEndpoint';

/** The last URL replayed to for a capture of this endpoint, else the last URL replayed to at all. */
function storedLastUrl(endpoint: string | null): string | null {
  const byEndpoint = recallRecord(LAST_URL_BY_ENDPOINT_KEY);
  return (endpoint !== null ? byEndpoint[endpoint] : undefined) ?? recall(LAST_URL_KEY);
}

function keepLastUrl(endpoint: string, url: string): void {
  remember(LAST_URL_KEY, url);
  remember(LAST_URL_BY_ENDPOINT_KEY, JSON.stringify({ ...recallRecord(LAST_URL_BY_ENDPOINT_KEY), [endpoint]: url }));
}

function originalOf(capture: CaptureDetail): ReplayOriginal {
  return {
    method: capture.method,
    headers: capture.headers,
    bodyText: utf8OrNull(base64ToBytes(capture.bodyBase64)),
    truncated: capture.truncated,
  };
}

interface ReplayStore {
  captureId: number | null;
  capture: CaptureDetail | null;
  original: ReplayOriginal | null;
  loading: boolean;
  loadError: string | null;
  form: ReplayFormState | null;
  /** Where the URL field's value came from when the form was filled. */
  urlSource: TargetSource;
  errors: FormErrors;
  sending: boolean;
  /** The replay shown in the response view: the last one sent, or one picked from the history. */
  shown: ReplayView | null;
  /** With re-signing on: the headers the replay will send, as the core signs them (their timestamp is the one sent). */
  preview: ReplayPreview | null;
  previewError: string | null;
  refreshPreview(): Promise<void>;
  /** Opens the screen on a capture (from its detail's Replay button). */
  openFrom(id: number): void;
  load(id: number): Promise<void>;
  reset(): void;
  update(patch: Partial<ReplayFormState>): void;
  send(): Promise<void>;
  show(replay: ReplayView | null): void;
}

/** The Replay screen: which capture, the edited request, and the replay on show. */
export const useReplay = create<ReplayStore>((set, get) => ({
  captureId: null,
  capture: null,
  original: null,
  loading: false,
  loadError: null,
  form: null,
  urlSource: 'none',
  errors: {},
  sending: false,
  shown: null,
  preview: null,
  previewError: null,

  openFrom(id) {
    void get().load(id);
    useUi.getState().go('replay');
  },

  async load(id) {
    set({
      captureId: id,
      capture: null,
      original: null,
      form: null,
      loading: true,
      loadError: null,
      errors: {},
      shown: null,
      preview: null,
      previewError: null,
    });
    try {
      const [capture] = await Promise.all([
        call('captures.get', { id }),
        useEndpoints.getState().loaded ? undefined : useEndpoints.getState().load(),
      ]);
      if (get().captureId !== id) return;
      set({ capture, original: originalOf(capture), loading: false });
      get().reset();
    } catch (error) {
      if (get().captureId === id) set({ loading: false, loadError: errorText(error) });
    }
  },

  reset() {
    const { capture, original } = get();
    if (!capture || !original) return;
    const endpoint = useEndpoints.getState().endpoints.find((e) => e.slug === capture.endpoint);
    const target = defaultReplayUrl(capture, endpoint, storedLastUrl(capture.endpoint));
    set({
      form: initialForm(original, target.url),
      urlSource: target.source,
      errors: {},
      preview: null,
      previewError: null,
    });
  },

  update(patch) {
    const form = get().form;
    if (!form) return;
    const errors = { ...get().errors };
    for (const key of Object.keys(patch)) delete errors[key as keyof FormErrors];
    delete errors.form;
    set({ form: { ...form, ...patch }, errors });
  },

  async send() {
    const { captureId, form, original, sending } = get();
    if (captureId === null || !form || !original || sending) return;
    const built = sendArgs(captureId, form, original, get().preview);
    if ('errors' in built) {
      set({ errors: built.errors });
      return;
    }
    set({ sending: true, errors: {} });
    try {
      const replay = await call('replays.send', built.args);
      const endpoint = get().capture?.endpoint;
      if (built.args.url && endpoint !== undefined) keepLastUrl(endpoint, built.args.url);
      set({ sending: false });
      if (get().captureId === captureId) set({ shown: replay });
    } catch (error) {
      set(get().captureId === captureId ? { sending: false, errors: { form: errorText(error) } } : { sending: false });
    }
  },

  async refreshPreview() {
    const { captureId, form, original } = get();
    if (captureId === null || !form || !original || !form.resign) {
      set({ preview: null, previewError: null });
      return;
    }
    const args = previewArgs(captureId, form, original);
    try {
      const preview = await call('replays.preview', args);
      // Only for the form as it still is.
      if (get().form === form) set({ preview, previewError: null });
    } catch (error) {
      if (get().form === form) set({ preview: null, previewError: errorText(error) });
    }
  },

  show(replay) {
    set({ shown: replay });
  },
}));
