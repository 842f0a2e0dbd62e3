import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../src/shared/api';
import { FakeMessageChannelMain, type FakePort } from '../main/support/fake-ports';

/** What the preload hands to contextBridge, the ipcRenderer it talks to, and the core's end of its port. */
const exposed = new Map<string, unknown>();
const sent: unknown[][] = [];
const invoked: unknown[][] = [];
const ipc = Object.assign(new EventEmitter(), {
  send: (...args: unknown[]) => sent.push(args),
  invoke: async (...args: unknown[]) => {
    invoked.push(args);
    return JSON.stringify({ ok: true, result: { captureUrl: 'http://127.0.0.1:1/' } });
  },
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
  ipcRenderer: ipc,
}));

type Api = Record<string, (args?: unknown) => Promise<unknown>>;
type Events = { subscribe(listener: unknown): () => void };
type Core = { subscribe(listener: unknown): () => void; restart(): Promise<unknown> };

/** Plays the core process: answers calls on its end of a port as the core does. */
function giveCorePort(): FakePort {
  const { port1: core, port2: page } = new FakeMessageChannelMain();
  core.on('message', ({ data }: { data: { kind: string; id: number; method: string; args: unknown } }) => {
    if (data.method === 'app.info')
      core.postMessage({ kind: 'reply', id: data.id, text: JSON.stringify({ ok: true, result: { echo: data.args } }) });
    else if (data.method === 'captures.get')
      core.postMessage({
        kind: 'reply',
        id: data.id,
        text: JSON.stringify({ ok: false, error: { code: 'CAPTURE_NOT_FOUND', message: 'no capture 9' } }),
      });
    else if (data.method === 'endpoints.list') core.postMessage({ kind: 'reply', id: data.id, text: 'not json' });
  });
  ipc.emit('hookscope:core-port', { ports: [page], sender: ipc });
  return core;
}

beforeAll(async () => {
  await import('../../src/preload/index');
});

describe('the preload (against a fake electron module)', () => {
  it('exposes exactly one function per API method of the contract, the events and the core status, and nothing else', () => {
    expect([...exposed.keys()].sort()).toEqual(['hookscope', 'hookscopeCore', 'hookscopeEvents']);
    const api = exposed.get('hookscope') as Api;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(API_METHODS).toEqual(expect.arrayContaining(['captures.list', 'tunnel.start', 'tunnel.status']));
    // At load it asks the main process for a port to the core.
    expect(sent).toEqual([['hookscope:core-port-request']]);
  });

  it('holds calls made before the port arrives, then sends each on it and resolves to {ok, result} or {ok: false, error}', async () => {
    const api = exposed.get('hookscope') as Api;
    const early = api['app.info']({ x: 1 });
    giveCorePort();
    expect(await early).toEqual({ ok: true, result: { echo: { x: 1 } } });
    expect(await api['app.info']()).toEqual({ ok: true, result: { echo: {} } });
    expect(await api['captures.get']({ id: 9 })).toEqual({
      ok: false,
      error: { code: 'CAPTURE_NOT_FOUND', message: 'no capture 9' },
    });
    expect(await api['endpoints.list']({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: expect.stringMatching(/not JSON/) },
    });
  });

  it('hands event listeners the message only, and unsubscribes', async () => {
    const core = giveCorePort();
    const events = exposed.get('hookscopeEvents') as Events;
    const got: unknown[][] = [];
    const unsubscribe = events.subscribe((...args: unknown[]) => got.push(args));
    core.postMessage({ kind: 'event', text: JSON.stringify({ event: 'captures.added', payload: [{ id: 1 }] }) });
    core.postMessage({ kind: 'event', text: 'not json' });
    core.postMessage({ kind: 'event', text: JSON.stringify({ nothing: true }) });
    core.postMessage({ kind: 'event', text: { event: 'captures.added', payload: [] } });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toEqual([[{ event: 'captures.added', payload: [{ id: 1 }] }]]);
    unsubscribe();
    unsubscribe();
    core.postMessage({ kind: 'event', text: JSON.stringify({ event: 'endpoints.changed', payload: [] }) });
    await new Promise((r) => setTimeout(r, 20));
    expect(got).toHaveLength(1);
    expect(() => events.subscribe('alert(1)')).toThrow(TypeError);
  });

  it('fails calls in flight when the core crashes, says why, and restarts it through the main process', async () => {
    const { port2: page } = new FakeMessageChannelMain(); // a core that never answers
    ipc.emit('hookscope:core-port', { ports: [page] });
    const core = exposed.get('hookscopeCore') as Core;
    const statuses: unknown[] = [];
    core.subscribe((s: unknown) => statuses.push(s));
    const api = exposed.get('hookscope') as Api;
    const inFlight = api['app.info']({});
    ipc.emit(
      'hookscope:core-status',
      {},
      JSON.stringify({ state: 'crashed', message: 'the core process exited (code 1)' }),
    );
    expect(await inFlight).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'the core process exited (code 1)' },
    });
    expect(await api['app.info']({})).toMatchObject({
      ok: false,
      error: { message: 'the core process exited (code 1)' },
    });
    expect(statuses).toEqual([{ state: 'crashed', message: 'the core process exited (code 1)' }]);
    expect(await core.restart()).toMatchObject({ ok: true });
    expect(invoked.at(-1)).toEqual(['hookscope:core-restart']);
    giveCorePort();
    expect(await api['app.info']({ y: 2 })).toEqual({ ok: true, result: { echo: { y: 2 } } });
  });
});
