import { execFile } from 'node:child_process';

export interface CurlResult {
  status: number;
  body: string;
  /** Response headers as curl printed them, lower-cased names. */
  headers: [string, string][];
}

const MARK = '\n--hookscope-status:';

/** Runs the real /usr/bin/curl and returns the status, headers and body it got. */
export function curl(args: string[], input?: Buffer): Promise<CurlResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      '/usr/bin/curl',
      ['-sS', '-D', '-', '-w', `${MARK}%{http_code}`, '--max-time', '15', ...args],
      { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`curl ${args.join(' ')} failed: ${stderr.toString()}`));
        const text = stdout.toString('utf8');
        const at = text.lastIndexOf(MARK);
        const status = Number(text.slice(at + MARK.length));
        const [head, ...rest] = text.slice(0, at).split('\r\n\r\n');
        const headers = head
          .split('\r\n')
          .slice(1)
          .map((line) => {
            const colon = line.indexOf(':');
            return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as [string, string];
          });
        resolve({ status, body: rest.join('\r\n\r\n'), headers });
      },
    );
    child.stdin?.end(input);
  });
}
