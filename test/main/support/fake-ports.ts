import { EventEmitter } from 'node:events';

/**
 * Electron's MessageChannelMain, in one process: two entangled ports. A
 * message posted on one arrives (asynchronously, as a structured clone) as
 * a 'message' event `{data}` on the other; closing either closes both.
 */
export class FakePort extends EventEmitter {
  peer?: FakePort;
  closed = false;
  /** The page's side reads `onmessage`, as a DOM MessagePort does. */
  onmessage: ((event: { data: unknown }) => void) | null = null;

  postMessage(data: unknown): void {
    if (this.closed) throw new Error('the port is closed');
    const peer = this.peer!;
    const copy = structuredClone(data);
    setImmediate(() => {
      if (peer.closed) return;
      peer.emit('message', { data: copy });
      peer.onmessage?.({ data: copy });
    });
  }
  start(): void {}
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    this.peer?.close();
  }
}

export class FakeMessageChannelMain {
  readonly port1 = new FakePort();
  readonly port2 = new FakePort();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}
