import { create } from 'zustand';
import type { TunnelProvider, TunnelSelfTestResult, TunnelStatus } from '../../../src/shared/tunnel-types';
import { call, errorText } from '../transport';

interface TunnelStore {
  status: TunnelStatus | null;
  error: string | null;
  busy: 'starting' | 'stopping' | null;
  testing: boolean;
  selfTest: TunnelSelfTestResult | null;
  selfTestError: string | null;
  load(): Promise<void>;
  /** A status pushed by 'tunnel.status'. */
  apply(status: TunnelStatus): void;
  start(options: { provider?: TunnelProvider; host?: string; subdomain?: string }): Promise<void>;
  /** Keeps ngrok's authtoken (encrypted by the OS in the desktop app, in memory in `serve`); says where. */
  setAuthtoken(token: string): Promise<string>;
  stop(): Promise<void>;
  runSelfTest(): Promise<void>;
}

/** The public tunnel as the Tunnel screen sees it: its status (live), and the last self-test. */
export const useTunnel = create<TunnelStore>((set, get) => ({
  status: null,
  error: null,
  busy: null,
  testing: false,
  selfTest: null,
  selfTestError: null,

  async load() {
    try {
      set({ status: await call('tunnel.status', {}), error: null });
    } catch (error) {
      set({ error: errorText(error) });
    }
  },

  apply(status) {
    const previous = get().status;
    // A self-test speaks of one link: a new URL or a link that went away makes it old news.
    const stale = previous?.url !== status.url || status.state !== 'open';
    set({ status, ...(stale ? { selfTest: null, selfTestError: null } : {}) });
  },

  async start(options) {
    set({ busy: 'starting', error: null, selfTest: null, selfTestError: null });
    try {
      get().apply(await call('tunnel.start', options));
    } catch (error) {
      // The status event carries the cause too; this covers a refusal before the tunnel began (bad input, no capture server).
      set({ error: errorText(error) });
      void get().load();
    } finally {
      set({ busy: null });
    }
  },

  async setAuthtoken(token) {
    const kept = await call('tunnel.setAuthtoken', { provider: 'ngrok', token });
    return kept.protection === 'os-encrypted'
      ? 'kept, encrypted by the operating system'
      : 'kept in memory until Hookscope stops';
  },

  async stop() {
    set({ busy: 'stopping', error: null });
    try {
      get().apply(await call('tunnel.stop', {}));
    } catch (error) {
      set({ error: errorText(error) });
    } finally {
      set({ busy: null });
    }
  },

  async runSelfTest() {
    set({ testing: true, selfTest: null, selfTestError: null });
    try {
      set({ selfTest: await call('tunnel.selfTest', {}) });
    } catch (error) {
      set({ selfTestError: errorText(error) });
    } finally {
      set({ testing: false });
    }
  },
}));
