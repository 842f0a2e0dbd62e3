/**
 * Reads what `cloudflared tunnel --url ...` prints (on standard error) while a
 * quick tunnel starts: a framed box whose line after "Your quick Tunnel has
 * been created" holds the public URL, then "Registered tunnel connection"
 * once the edge forwards. Pure, so it is tested on recorded lines.
 */

export type CloudflaredLine =
  { kind: 'url'; url: string } | { kind: 'registered' } | { kind: 'error'; message: string } | { kind: 'other' };

const URL_IN_LINE = /(https?:\/\/[^\s|"']+)/;
const ANNOUNCE = /quick tunnel has been created/i;
const REGISTERED = /registered tunnel connection/i;
// cloudflared's own log level word: "ERR" in its console format.
const ERROR_LINE = /\bERR\b\s*(.*)$/;

/** A line reader with the state the box needs (the URL comes on the line after the announcement). */
export function createCloudflaredReader(): (line: string) => CloudflaredLine {
  let announced = false;
  return (line) => {
    if (ANNOUNCE.test(line)) {
      announced = true;
      return { kind: 'other' };
    }
    if (announced) {
      const url = URL_IN_LINE.exec(line)?.[1];
      if (url) {
        announced = false;
        return { kind: 'url', url: url.replace(/\/+$/, '') };
      }
    }
    if (REGISTERED.test(line)) return { kind: 'registered' };
    const error = ERROR_LINE.exec(line);
    if (error) return { kind: 'error', message: error[1].trim() || line.trim() };
    return { kind: 'other' };
  };
}

/** The host name of a quick tunnel's URL, as its id. */
export function quickTunnelId(url: string): string {
  try {
    return new URL(url).hostname.split('.')[0] || url;
  } catch {
    return url;
  }
}
