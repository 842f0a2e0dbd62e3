import { create } from 'zustand';
import type { CheckReport, TimestampMode } from '../../../src/shared/delivery-types';
import { useDeliveries } from '../deliveries/store';
import { call, errorText } from '../transport';
import { recall, remember } from '../remembered';
import { toCheckArgs, toSendArgs, type SenderErrors, type SenderForm } from './validate';
import { shownWarnings } from './warnings';

const PROVIDER_KEY = 'hookscope.sender.provider';
const URL_KEY = 'hookscope.sender.url';
const HTTPS_SEEN_KEY = 'hookscope.sender.httpsNoticeSeen';

/** The provider the Sender was last used with, if any. */
export function lastProvider(): string | null {
  return recall(PROVIDER_KEY);
}

export const SPEED_PRESETS = [1, 60, 3600] as const;

export interface SendOutcome {
  deliveryId: number;
  warnings: string[];
  generatedSecret: string | null;
  /** The webhook's subscription id (`webhookId` in the payloads), the same for every send to this provider and URL. */
  subscriptionId: string | null;
  /** Ed25519 / ECDSA / ES256 JWT providers: the public key the handler must be configured with (a JWK for ES256). */
  publicKey: string | null;
}

interface SenderStore {
  form: SenderForm;
  errors: SenderErrors;
  /** Validate again on every change once Send was pressed. */
  tried: boolean;
  update(patch: Partial<SenderForm>): void;
  /** The user typed in the payload: a sample still on its way must not overwrite it. */
  editPayload(text: string): void;
  /** Picks a provider and its first event, with a fresh sample. */
  chooseProvider(id: string, events: string[]): void;
  chooseEvent(type: string): void;
  sampling: boolean;
  /** The last sample as put in the editor, with its seed: sent untouched, it is made again at send time (true event time, the webhook's id). */
  sampled: { text: string; seed: number } | null;
  /** A sample payload from providers.sample; a random seed unless one is given (and shown, to reproduce it). */
  sample(seed?: number): Promise<void>;

  /** The signature form every attempt signs in; '' is the provider's default. */
  signatureForm: string;
  setSignatureForm(form: string): void;
  /** Which time each attempt signs: the clock at sending (default) or its provider-schedule time. */
  timestamps: TimestampMode;
  setTimestamps(mode: TimestampMode): void;

  speed: number;
  speedError: string | null;
  setSpeed(speed: number): Promise<void>;
  /** Reads the engine's speed, which serve --speed or another window may have set. */
  loadSpeed(): Promise<void>;

  sending: boolean;
  outcome: SendOutcome | null;
  send(): Promise<void>;

  tab: 'delivery' | 'check';
  setTab(tab: 'delivery' | 'check'): void;

  effectsUrl: string;
  setEffectsUrl(url: string): void;
  checking: boolean;
  checkErrors: SenderErrors & { effectsUrl?: string };
  checkError: string | null;
  report: CheckReport | null;
  check(): Promise<void>;
}

// No default target: Hookscope's own capture URL would make Send deliver to itself. The last target sent to is kept.
const EMPTY_FORM: SenderForm = {
  provider: '',
  eventType: '',
  payload: '',
  seed: '',
  secret: '',
  url: recall(URL_KEY) ?? '',
  timeoutMs: '',
  exact: false,
};

function seenHttpsNotices(): Set<string> {
  return new Set((recall(HTTPS_SEEN_KEY) ?? '').split(',').filter((p) => p !== ''));
}

let sampleTicket = 0;

const randomSeed = () => Math.floor(Math.random() * 1_000_000);

/** The Sender screen's state; kept while the user visits other screens (to bind an endpoint, read a capture). */
export const useSender = create<SenderStore>((set, get) => ({
  form: EMPTY_FORM,
  errors: {},
  tried: false,
  update(patch) {
    const form = { ...get().form, ...patch };
    set({ form, errors: get().tried ? toSendArgs(form).errors : {} });
  },
  editPayload(text) {
    sampleTicket++;
    set({ sampling: false });
    get().update({ payload: text });
  },
  chooseProvider(id, events) {
    remember(PROVIDER_KEY, id);
    get().update({ provider: id, eventType: events[0] ?? '' });
    // The last send's warnings and generated secret were about the other provider's webhook; its forms are its own.
    set({ report: null, checkError: null, outcome: null, signatureForm: '' });
    void get().sample();
  },
  chooseEvent(type) {
    get().update({ eventType: type });
    void get().sample();
  },
  sampling: false,
  sampled: null,
  async sample(seed) {
    const { provider, eventType } = get().form;
    if (!provider || !eventType) return;
    const used = seed ?? randomSeed();
    const ticket = ++sampleTicket;
    set({ sampling: true });
    try {
      const payload = await call('providers.sample', { provider, eventType, seed: used });
      // Only the last sample asked for lands in the editor.
      if (ticket === sampleTicket) {
        const text = JSON.stringify(payload, null, 2);
        set({ sampled: { text, seed: used } });
        get().update({ payload: text, seed: String(used) });
      }
    } catch (error) {
      if (ticket === sampleTicket) set({ errors: { ...get().errors, payload: errorText(error) } });
    } finally {
      if (ticket === sampleTicket) set({ sampling: false });
    }
  },

  signatureForm: '',
  setSignatureForm: (signatureForm) => set({ signatureForm }),
  timestamps: 'real',
  setTimestamps: (timestamps) => set({ timestamps }),

  speed: 1,
  speedError: null,
  async loadSpeed() {
    try {
      set({ speed: (await call('sender.info', {})).speed, speedError: null });
    } catch (error) {
      set({ speedError: errorText(error) });
    }
  },
  async setSpeed(speed) {
    try {
      const applied = await call('sender.setSpeed', { speed });
      set({ speed: applied.speed, speedError: null });
      const current = useDeliveries.getState().currentId;
      // A waiting attempt's real due time is rescaled by the engine: show the new countdown.
      if (current !== null) useDeliveries.getState().select(current);
    } catch (error) {
      set({ speedError: errorText(error) });
    }
  },

  sending: false,
  outcome: null,
  async send() {
    const { args, errors } = toSendArgs(get().form);
    set({ tried: true, errors });
    if (!args) return;
    set({ sending: true, outcome: null });
    try {
      // The engine's speed is the app's; setting it here keeps it what this screen shows.
      await call('sender.setSpeed', { speed: get().speed });
      // An untouched sample is made again by the sender, so its times are the send's and its webhook id the webhook's.
      const { sampled, form, signatureForm, timestamps } = get();
      const fresh =
        !form.exact && sampled !== null && form.payload === sampled.text && form.seed === String(sampled.seed);
      const { payload: _typed, ...rest } = args;
      const chosen = { ...(signatureForm ? { form: signatureForm } : {}), timestamps };
      const started = await call(
        'sender.send',
        fresh ? { ...rest, seed: sampled.seed, ...chosen } : { ...args, ...chosen },
      );
      remember(URL_KEY, args.url);
      const seen = seenHttpsNotices();
      const { shown, httpsNoticeShown } = shownWarnings(started.warnings, args.provider, args.url, seen);
      if (httpsNoticeShown) remember(HTTPS_SEEN_KEY, [...seen, args.provider].join(','));
      set({
        outcome: {
          deliveryId: started.deliveryId,
          warnings: shown,
          generatedSecret: started.generatedSecret,
          subscriptionId: started.subscriptionId,
          publicKey: started.publicKey ?? null,
        },
        tab: 'delivery',
      });
      await useDeliveries.getState().follow(started.deliveryId);
    } catch (error) {
      set({ errors: { form: errorText(error) } });
    } finally {
      set({ sending: false });
    }
  },

  tab: 'delivery',
  setTab: (tab) => set({ tab }),

  effectsUrl: '',
  setEffectsUrl: (effectsUrl) => set({ effectsUrl }),
  checking: false,
  checkErrors: {},
  checkError: null,
  report: null,
  async check() {
    const { args, errors } = toCheckArgs(get().form, get().effectsUrl);
    set({ checkErrors: errors, checkError: null, tab: 'check' });
    if (!args) return;
    set({ checking: true, report: null });
    try {
      set({ report: await call('sender.check', args) });
    } catch (error) {
      set({ checkError: errorText(error) });
    } finally {
      set({ checking: false });
    }
  },
}));
