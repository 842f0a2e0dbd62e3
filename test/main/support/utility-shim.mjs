// Loaded (--import) into the Node child that stands in for an Electron utility
// process: gives it `process.parentPort` as Electron does, and ports that
// arrive with a message ({data, ports}) relayed over the child's IPC channel.
import { EventEmitter } from 'node:events';

const ports = new Map();

class ShimPort extends EventEmitter {
  constructor(id) {
    super();
    this.id = id;
    this.closed = false;
  }
  postMessage(data) {
    if (!this.closed) process.send?.({ portId: this.id, data });
  }
  start() {}
  close() {
    if (this.closed) return;
    this.closed = true;
    process.send?.({ portId: this.id, close: true });
    this.emit('close');
  }
}

// Messages that arrive before the process listens (its modules still loading) wait, as Electron's do.
const early = [];
const parentPort = new EventEmitter();
parentPort.postMessage = (data) => process.send?.({ parent: true, data });
parentPort.on('newListener', (event) => {
  if (event === 'message') setImmediate(() => early.splice(0).forEach((m) => parentPort.emit('message', m)));
});
process.parentPort = parentPort;

process.on('message', (message) => {
  if (message.portId !== undefined) {
    const port = ports.get(message.portId);
    if (!port) return;
    if (message.close) {
      port.closed = true;
      port.emit('close');
    } else port.emit('message', { data: message.data });
    return;
  }
  const given = (message.portIds ?? []).map((id) => {
    const port = new ShimPort(id);
    ports.set(id, port);
    return port;
  });
  const event = { data: message.data, ports: given };
  if (parentPort.listenerCount('message') === 0) early.push(event);
  else parentPort.emit('message', event);
});
