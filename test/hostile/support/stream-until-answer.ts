import { connect } from 'node:net';

export interface StreamedExchange {
  /** Everything the server sent. */
  raw: Buffer;
  status: number | null;
  /** Body bytes the client had written when the first byte of the answer arrived. */
  writtenAtAnswer: number | null;
  /** Body bytes written in all. */
  written: number;
  /** The client had more to send when the answer came. */
  stillSending: boolean;
  /** A socket error the client met (ECONNRESET, EPIPE), if any. */
  error?: string;
}

/**
 * A client that sends `head`, then body pieces from `piece(i)` (null: no more),
 * as fast as the socket takes them, and stops sending as soon as any answer
 * arrives; then reads until the server closes. With `stallAfter`, it stops
 * sending after that many body bytes and just waits for an answer.
 */
export function streamUntilAnswer(
  port: number,
  head: string,
  piece: (i: number) => Buffer | string | null,
  options: { stallAfter?: number; maxMs?: number } = {},
): Promise<StreamedExchange> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let written = 0;
    let writtenAtAnswer: number | null = null;
    let exhausted = false;
    let settled = false;
    let error: string | undefined;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(hardStop);
      socket.destroy();
      const raw = Buffer.concat(chunks);
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(raw.toString('latin1'));
      resolve({
        raw,
        status: match ? Number(match[1]) : null,
        writtenAtAnswer,
        written,
        stillSending: !exhausted,
        error,
      });
    };
    const hardStop = setTimeout(finish, options.maxMs ?? 20_000);
    socket.on('data', (d) => {
      if (writtenAtAnswer === null) writtenAtAnswer = written;
      chunks.push(d);
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', (e) => {
      error = (e as NodeJS.ErrnoException).code;
      finish();
    });
    socket.on('connect', () => {
      socket.write(head);
      let i = 0;
      const pump = () => {
        while (writtenAtAnswer === null && !socket.destroyed) {
          if (options.stallAfter !== undefined && written >= options.stallAfter) return;
          const next = piece(i++);
          if (next === null) {
            exhausted = true;
            return;
          }
          written += Buffer.byteLength(next);
          if (!socket.write(next)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  });
}

/** The JSON body of a raw HTTP answer. */
export function jsonOf(raw: Buffer): any {
  const text = raw.toString('utf8');
  return JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
}
