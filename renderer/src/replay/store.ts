import { create } from 'zustand';
import type { CaptureDetail } from '../../../src/shared/capture-types';
import type { ReplayView } from '../../../src/shared/replay-types';
import { base64ToBytes, utf8OrNull } from '../detail/bytes';
import { useEndpoints } from '../endpoints/store';
import { call, errorText } from '../transport';
import { useUi } from '../ui-store';
import { initialForm, sendArgs, type FormErrors, type ReplayFormState, type ReplayOriginal } from './form';
import { defaultReplayUrl, type TargetSource } from './target';

const LAST_URL_KEY = 'hookscope.replay.lastUrl';

function storedLastUrl(): string | null {
  try {
    return localStorage.getItem(LAST_URL_KEY);
  } catch {
    return null;
  }
}

function keepLastUrl(url: string): void {
  try {
    localStorage.setItem(LAST_URL_KEY, url);
  } catch {
    // storage disabled: remembered for this page only
  }
}

function originalOf(capture: CaptureDetail): ReplayOriginal {
  return { method: capture.method, headers: capture.headers, bodyText: utf8OrNull(base64ToBytes(capture.bodyBase64)), truncated: capture.truncated };
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
  lastUrl: string | null;
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
  lastUrl: storedLastUrl(),

  openFrom(id) {
    void get().load(id);
    useUi.getState().go('replay');
  },

  async load(id) {
    set({ captureId: id, capture: null, original: null, form: null, loading: true, loadError: null, errors: {}, shown: null });
    try {
      const [capture] = await Promise.all([call('captures.get', { id }), useEndpoints.getState().loaded ? undefined : useEndpoints.getState().load()]);
      if (get().captureId !== id) return;
      set({ capture, original: originalOf(capture), loading: false });
      get().reset();
    } catch (error) {
      if (get().captureId === id) set({ loading: false, loadError: errorText(error) });
    }
  },

  reset() {
    const { capture, original, lastUrl } = get();
    if (!capture || !original) return;
    const endpoint = useEndpoints.getState().endpoints.find((e) => e.slug === capture.endpoint);
    const target = defaultReplayUrl(capture, endpoint, lastUrl);
    set({ form: initialForm(original, target.url), urlSource: target.source, errors: {} });
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
    const built = sendArgs(captureId, form, original);
    if ('errors' in built) {
      set({ errors: built.errors });
      return;
    }
    set({ sending: true, errors: {} });
    try {
      const replay = await call('replays.send', built.args);
      if (built.args.url) keepLastUrl(built.args.url);
      set({ sending: false, lastUrl: built.args.url ?? get().lastUrl });
      if (get().captureId === captureId) set({ shown: replay });
    } catch (error) {
      set(get().captureId === captureId ? { sending: false, errors: { form: errorText(error) } } : { sending: false });
    }
  },

  show(replay) {
    set({ shown: replay });
  },
}));
