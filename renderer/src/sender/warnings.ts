/** Whether a URL's host is this machine (127.0.0.0/8, ::1, localhost): no provider could reach it, so provider-side URL rules are moot. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  );
}

/** The sender's https notice for a provider that sends only to https (its text as the engine words it). */
export function isHttpsNotice(warning: string, provider: string): boolean {
  return warning.startsWith(`${provider} sends only to https URLs`);
}

/**
 * The warnings of a send worth showing: the https notice is left out for a
 * loopback target (a local handler is plain http by nature) and shown once
 * per provider (`seen` holds the providers already told); every other
 * warning is shown as it came.
 */
export function shownWarnings(
  warnings: readonly string[],
  provider: string,
  url: string,
  seen: ReadonlySet<string>,
): { shown: string[]; httpsNoticeShown: boolean } {
  let httpsNoticeShown = false;
  const shown = warnings.filter((w) => {
    if (!isHttpsNotice(w, provider)) return true;
    if (isLoopbackUrl(url) || seen.has(provider)) return false;
    httpsNoticeShown = true;
    return true;
  });
  return { shown, httpsNoticeShown };
}
