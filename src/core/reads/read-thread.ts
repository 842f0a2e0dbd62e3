/**
 * The read thread's side: the CaptureService over a read-only connection of
 * its own, answering the main thread's read requests. What needs the main
 * thread (a verdict to compute now, a schema that changed under it) is sent
 * back as `main`, never guessed at here.
 */
import type { MessagePort } from 'node:worker_threads';
import { decodeBody, searchableText } from '../capture/decode';
import { createCaptureService } from '../services/captures';
import { createAnalysisRepo, hasCurrentVerdict } from '../store/analysis';
import { createCaptureRepo } from '../store/captures';
import type { Db } from '../store/db';
import { openReadConnection, schemaVersion } from '../store/read-connection';
import { createSearchRepo } from '../store/search';
import { NeedsMainThread, runRead, type ReadArgs, type ThreadRead } from './read-methods';
import { toThreadError, type FromReadThread, type ReadThreadData, type ToReadThread } from './read-protocol';

export type ThreadReads = <M extends ThreadRead>(method: M, args: ReadArgs<M>) => unknown;

/** The reads over `db`, each in one read transaction (one snapshot), refusing a schema other than `expectedSchema`. */
export function createThreadReads(db: Db, expectedSchema: number): ThreadReads {
  const repo = createCaptureRepo(db);
  const search = createSearchRepo(db, searchableText, (r) => decodeBody(r.headers, r.body).bytes);
  const analysis = createAnalysisRepo(db, (id) => repo.get(id));
  const service = createCaptureService({
    repo,
    search,
    analysis: {
      analyzed(id) {
        const stored = repo.get(id);
        if (hasCurrentVerdict(stored, analysis.analyzedUpto())) return stored;
        throw new NeedsMainThread(`capture ${id} has no current verdict stored`);
      },
    },
  });
  const read = db.transaction((method: ThreadRead, args: unknown) => {
    const found = schemaVersion(db);
    if (found !== expectedSchema) throw new NeedsMainThread(`schema version ${found}, not ${expectedSchema}`);
    return runRead(service, method, args as never);
  });
  return (method, args) => read(method, args);
}

/** Serves read requests on `port` until told to stop; says `ready`, or `failed` when the connection will not open. */
export function serveReads(port: MessagePort, data: ReadThreadData): void {
  const send = (m: FromReadThread) => port.postMessage(m);
  let db: Db;
  let reads: ThreadReads;
  try {
    db = openReadConnection(data.file, { schemaVersion: data.schemaVersion, nativeBinding: data.nativeBinding });
    reads = createThreadReads(db, data.schemaVersion);
  } catch (error) {
    send({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
    port.close();
    return;
  }
  port.on('message', (m: ToReadThread) => {
    if (m === 'stop') {
      db.close();
      send({ kind: 'stopped' });
      port.close();
      return;
    }
    try {
      const result = reads(m.method, m.args as never);
      try {
        send({ kind: 'result', id: m.id, result });
      } catch (error) {
        send({ kind: 'error', id: m.id, error: toThreadError(error) }); // a result that cannot be copied across
      }
    } catch (error) {
      if (error instanceof NeedsMainThread) send({ kind: 'main', id: m.id, reason: error.message });
      else send({ kind: 'error', id: m.id, error: toThreadError(error) });
    }
  });
  send({ kind: 'ready' });
}
