import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';

/** After refusing a request whose body is still arriving, what is read and dropped before the connection closes. */
export const LINGER_MS = 2000;
export const LINGER_BYTES = 4 * 1024 * 1024;

/**
 * Answers a request that will not be read to its end (too large, too many
 * headers) and closes its connection without a reset overtaking the answer.
 * Ending the socket at once, with the client's bytes still unread, makes the
 * kernel send a reset that can discard the answer before the client reads it
 * (the client sees ECONNRESET while it is still sending). So the answer is
 * written, the sending side closed, and what the client still sends is
 * dropped unread (never stored) for up to LINGER_MS or LINGER_BYTES, like
 * nginx's lingering close; then the socket is destroyed.
 */
export function answerAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  answer: { status: number; headers: [string, string][]; body: string | Buffer },
  setTimer: (ms: number, run: () => void) => () => void,
): void {
  if (res.headersSent || res.destroyed) return;
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
  const headers = [...answer.headers, ['Connection', 'close'], ['Content-Length', String(body.length)]];
  res.writeHead(answer.status, STATUS_CODES[answer.status] ?? 'Status', headers.flat());
  if (req.complete) {
    res.end(body);
    return;
  }
  // Not res.end(): Node would destroy the socket as soon as the answer is written.
  res.write(body);
  const socket = req.socket;
  socket.end();
  let dropped = 0;
  req.removeAllListeners('data');
  req.on('data', (chunk: Buffer) => {
    dropped += chunk.length;
    if (dropped > LINGER_BYTES) socket.destroy();
  });
  req.resume();
  const cancel = setTimer(LINGER_MS, () => socket.destroy());
  socket.once('close', cancel);
}
