import { EventEmitter } from 'node:events';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS } from '../../src/shared/api';

/** What the preload hands to contextBridge, and the ipcRenderer it talks to. */
const exposed = new Map<string, unknown>();
const invoked: unknown[][] = [];
const ipc = Object.assign(new EventEmitter(), {
  invoke: async (...args: unknown[]) => {
    invoked.push(args);
    const [, method, callArgs] = args;
    if (method === 'app.info') return JSON.stringify({ ok: true, result: { echo: callArgs } });
    if (method === 'captures.get') return JSON.stringify({ ok: false, error: { code: 'CAPTURE_NOT_FOUND', message: 'no capture 9' } });
    if (method === 'endpoints.list') throw new Error('the main process is gone');
    return 'not json';
  },
});

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, value: unknown) => exposed.set(name, value) },
  ipcRenderer: ipc,
}));

type Api = Record<string, (args?: unknown) => Promise<unknown>>;
type Events = { subscribe(listener: unknown): () => void };

beforeAll(async () => {
  await import('../../src/preload/index');
});

describe('the preload (against a fake electron module)', () => {
  it('exposes exactly one function per API method of the contract, and nothing else', () => {
    expect([...exposed.keys()].sort()).toEqual(['hookscope', 'hookscopeEvents']);
    const api = exposed.get('hookscope') as Api;
    expect(Object.keys(api).sort()).toEqual([...API_METHODS].sort());
    expect(Object.values(api).every((f) => typeof f === 'function')).toBe(true);
    expect(Object.isFrozen(api)).toBe(true);
    expect(API_METHODS).toEqual(expect.arrayContaining(['captures.list', 'tunnel.start', 'tunnel.status']));
  });

  it('sends each call on the one call channel and resolves to {ok, result} or {ok: false, error}', async () => {
    const api = exposed.get('hookscope') as Api;
    expect(await api['app.info']({ x: 1 })).toEqual({ ok: true, result: { echo: { x: 1 } } });
    expect(invoked.at(-1)).toEqual(['hookscope:call', 'app.info', { x: 1 }]);
    await api['app.info']();
    expect(invoked.at(-1)).toEqual(['hookscope:call', 'app.info', {}]);
    expect(await api['captures.get']({ id: 9 })).toEqual({ ok: false, error: { code: 'CAPTURE_NOT_FOUND', message: 'no capture 9' } });
    expect(await api['endpoints.list']({})).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: expect.stringMatching(/main process is gone/) } });
    expect(await api['captures.list']({})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('hands event listeners the message only, never the IPC event, and unsubscribes', () => {
    const events = exposed.get('hookscopeEvents') as Events;
    const got: unknown[][] = [];
    const unsubscribe = events.subscribe((...args: unknown[]) => got.push(args));
    const ipcEvent = { sender: ipc, senderId: 0 };
    ipc.emit('hookscope:event', ipcEvent, JSON.stringify({ event: 'captures.added', payload: [{ id: 1 }] }));
    ipc.emit('hookscope:event', ipcEvent, 'not json');
    ipc.emit('hookscope:event', ipcEvent, JSON.stringify({ nothing: true }));
    ipc.emit('hookscope:event', ipcEvent, { event: 'captures.added', payload: [] });
    expect(got).toEqual([[{ event: 'captures.added', payload: [{ id: 1 }] }]]);
    expect(ipc.listenerCount('hookscope:event')).toBe(1);
    unsubscribe();
    unsubscribe();
    expect(ipc.listenerCount('hookscope:event')).toBe(0);
    ipc.emit('hookscope:event', ipcEvent, JSON.stringify({ event: 'endpoints.changed', payload: [] }));
    expect(got).toHaveLength(1);
    expect(() => events.subscribe('alert(1)')).toThrow(TypeError);
  });
});
