/**
 * What web permissions the window's pages get: none, except what our own UI uses. Electron grants every
 * permission (camera, microphone, geolocation, clipboard read, USB, …) by default; a page that somehow ended up in
 * our window must get nothing, and our own page needs only these two.
 */
import { log } from '../log';

export interface PermissionDetailsLike {
  /** The URL of the frame that asks (absent for some cross-origin checks). */
  requestingUrl?: string;
  isMainFrame?: boolean;
}

/** The slice of Electron's Session this needs; a fake in tests. */
export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
      details: PermissionDetailsLike,
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (
      webContents: unknown,
      permission: string,
      requestingOrigin: string,
      details: PermissionDetailsLike & { embeddingOrigin?: string },
    ) => boolean,
  ): void;
}

/**
 * The only permissions any page may have, and only our own. Notifications; and writing text to the clipboard,
 * which the Copy buttons (CopyButton, the budget draft) need: Chromium asks for it as 'clipboard-sanitized-write'
 * on navigator.clipboard.writeText — write-only, sanitized, and only on a click. Reading the clipboard stays denied.
 */
export const allowedPermissions: ReadonlySet<string> = new Set(['notifications', 'clipboard-sanitized-write']);

export function isPermissionAllowed(
  permission: string,
  url: string | undefined,
  isMainFrame: boolean | undefined,
  isAppUrl: (url: string) => boolean,
): boolean {
  return allowedPermissions.has(permission) && isMainFrame === true && url !== undefined && isAppUrl(url);
}

export function installPermissionPolicy(session: PermissionSessionLike, isAppUrl: (url: string) => boolean): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = isPermissionAllowed(permission, details.requestingUrl, details.isMainFrame, isAppUrl);
    if (!granted) log.warn(`[cockpit] denied the permission "${permission}"`);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) => {
    // A cross-origin frame's check has an embedding origin: never ours to grant.
    if (details.embeddingOrigin !== undefined) return false;
    return isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, details.isMainFrame, isAppUrl);
  });
}
