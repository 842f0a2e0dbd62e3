import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { resolve } from 'node:path';
import type { UtilityChild } from '../../../src/main/core-host';
import type { FromCore, ToCore } from '../../../src/main/core-process/protocol';
import type { FakePort } from './fake-ports';

const SHIM = resolve(import.meta.dirname, 'utility-shim.mjs');

/**
 * Electron's utilityProcess, built on a real child process: `fork` starts the
 * module in Node (TypeScript through tsx, as the tests run it) with
 * `process.parentPort` given by a shim, and carries ports sent with a message
 * over the child's IPC channel. The core, its database and its capture server
 * run for real in that child; a crash is a real exit.
 */
export class FakeUtilityChild extends EventEmitter implements UtilityChild {
  readonly child: ChildProcess;
  private nextPortId = 1;
  private readonly ports = new Map<number, FakePort>();

  constructor(modulePath: string, args: string[], env: NodeJS.ProcessEnv) {
    super();
    this.child = fork(modulePath, args, {
      execArgv: ['--import', 'tsx', '--import', SHIM],
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: { parent?: boolean; portId?: number; data?: unknown; close?: boolean }) => {
      if (message.parent) this.emit('message', message.data as FromCore);
      else if (message.portId !== undefined) {
        const port = this.ports.get(message.portId);
        if (!port || port.closed) return;
        if (message.close) port.close();
        else port.postMessage(message.data);
      }
    });
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  postMessage(message: ToCore, transfer: object[] = []): void {
    const portIds = (transfer as FakePort[]).map((port) => {
      const id = this.nextPortId++;
      this.ports.set(id, port);
      // What the page posts on its end arrives here, and goes on to the child.
      port.on(
        'message',
        ({ data }: { data: unknown }) => this.child.connected && this.child.send({ portId: id, data }),
      );
      port.on('close', () => this.child.connected && this.child.send({ portId: id, close: true }));
      return id;
    });
    if (this.child.connected) this.child.send({ data: message, portIds });
  }

  kill(): boolean {
    return this.child.kill('SIGTERM');
  }
}

export function createFakeUtilityProcess(env: NodeJS.ProcessEnv = process.env) {
  const children: FakeUtilityChild[] = [];
  return {
    children,
    fork(modulePath: string, args: string[] = []): FakeUtilityChild {
      const child = new FakeUtilityChild(modulePath, args, env);
      children.push(child);
      return child;
    },
  };
}
