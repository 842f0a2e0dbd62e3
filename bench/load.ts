import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import autocannon from 'autocannon';

export interface LoadResult {
  server: string;
  connections: number;
  bodyBytes: number;
  requestsPerSec: number;
  p99Ms: number;
  acknowledged: number;
  errors: number;
  rows: number | null;
  maxRssMb: number;
}

interface Started {
  child: ChildProcess;
  port: number;
}

function startServer(script: string, args: string[]): Promise<Started> {
  const child = fork(resolve(import.meta.dirname, 'servers', script), args, {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((done, fail) => {
    child.once('message', (m: { port: number }) => done({ child, port: m.port }));
    child.once('exit', (code) => fail(new Error(`${script} exited ${code}`)));
  });
}

function stopServer(child: ChildProcess): Promise<{ maxRssBytes: number; rows: number | null }> {
  return new Promise((done) => {
    child.once('message', (m: { maxRssBytes: number; rows: number | null }) => done(m));
    child.send('stop');
  });
}

/** One bounded run of autocannon against a server in its own process, on loopback. */
export async function runLoad(options: {
  server: 'bare' | 'capture';
  dataDir?: string;
  connections: number;
  bodyBytes: number;
  seconds: number;
}): Promise<LoadResult> {
  const { child, port } = await startServer(`${options.server}.ts`, options.dataDir ? [options.dataDir] : []);
  const filler = 'x'.repeat(Math.max(0, options.bodyBytes - 40));
  const body = JSON.stringify({ event: 'bench.test', id: 'evt_1', data: filler }).slice(0, options.bodyBytes);
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/bench/hook`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: options.connections,
      duration: options.seconds,
      pipelining: 1,
    });
    const stats = await stopServer(child);
    return {
      server: options.server,
      connections: options.connections,
      bodyBytes: Buffer.byteLength(body),
      requestsPerSec: Math.round(result.requests.average),
      p99Ms: result.latency.p99,
      acknowledged: result['2xx'],
      errors: result.errors + result.timeouts + result.non2xx,
      rows: stats.rows,
      maxRssMb: Math.round(stats.maxRssBytes / 1024 / 1024),
    };
  } finally {
    child.kill();
  }
}
