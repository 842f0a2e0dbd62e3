import type { WebContents } from 'electron';
import { isAppUrl } from './app-protocol';

/**
 * A URL the system browser may open: http or https, a host, no credentials,
 * no control characters, of reasonable length. Anything else (file:,
 * javascript:, smb:, custom schemes that launch programs) is refused.
 */
export function isSafeExternalUrl(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > 2048 || /[\u0000-\u001f\u007f\s]/.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.hostname !== '' &&
    url.username === '' &&
    url.password === ''
  );
}

export interface NavigationPolicy {
  openExternal(url: string): unknown;
}

/**
 * Every webContents (the window, and any other that appears) may not
 * navigate, open windows or attach webviews. A link to an http(s)
 * page opens in the system browser instead, after validation.
 */
export function hardenWebContents(contents: WebContents, policy: NavigationPolicy): void {
  const sendOut = (url: string) => {
    if (isSafeExternalUrl(url)) void Promise.resolve(policy.openExternal(url)).catch(() => undefined);
  };
  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url);
    return { action: 'deny' };
  });
  // The app never navigates (it routes inside its one page): every navigation a page starts is refused.
  contents.on('will-navigate', (event) => {
    event.preventDefault();
    sendOut(event.url);
  });
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
