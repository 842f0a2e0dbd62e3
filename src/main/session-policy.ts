import type { Session } from 'electron';
import { isAppUrl } from './app-protocol';

/**
 * What the renderer may load: its own hookscope://app/ files, inline data:
 * images, and DevTools' own pages. Everything else (http, https, ws, file...)
 * is cancelled: the page talks to the core over IPC only.
 */
export function isAllowedRendererRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('devtools://');
}

/**
 * The one permission granted, and to the app's own page only: writing plain
 * text to the clipboard (the Copy buttons). Reading it, and everything else
 * (camera, microphone, notifications from the page, geolocation, devices...), is denied.
 */
export function isGrantedPermission(permission: string, requestingUrl: string | undefined): boolean {
  return permission === 'clipboard-sanitized-write' && typeof requestingUrl === 'string' && isAppUrl(requestingUrl);
}

export function applySessionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isGrantedPermission(permission, details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isGrantedPermission(permission, requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRendererRequest(details.url) }),
  );
}
