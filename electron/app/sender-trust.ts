/**
 * Who may call the backend over IPC: the top frame of our main window, showing our own renderer (served from the
 * app:// origin, or by the electron-vite dev server in development). Anything else — another window, an iframe, a
 * page the window was somehow navigated to, a file:// page — is refused before its message is even parsed.
 */

export interface FrameLike {
  readonly url: string;
  /** Electron's WebFrameMain.parent: null for a top frame. */
  readonly parent?: unknown;
}

export interface SenderEventLike {
  readonly sender: unknown;
  readonly senderFrame: FrameLike | null;
}

export interface AppUrlOptions {
  /** The origin the UI is served from: `app://cockpit` (see app-protocol.ts). */
  appOrigin: string;
  /** The dev server's URL (electron-vite's ELECTRON_RENDERER_URL), only when running unpackaged. */
  devServerUrl?: string;
}

/**
 * True for URLs of our own renderer: any page of the app origin (it serves only the built renderer) or of the dev
 * server's origin. Compared by scheme and host, because Node's URL gives a custom scheme the origin "null".
 */
export function createAppUrlMatcher(options: AppUrlOptions): (url: string) => boolean {
  const app = new URL(options.appOrigin);
  const appHost = app.host.toLowerCase();
  const devOrigin = options.devServerUrl ? new URL(options.devServerUrl).origin : null;
  return (text) => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return false;
    }
    if (url.username !== '' || url.password !== '') return false;
    if (url.protocol === app.protocol) return url.host.toLowerCase() === appHost;
    return devOrigin !== null && devOrigin !== 'null' && url.origin === devOrigin;
  };
}

export interface SenderCheckOptions {
  isAppUrl: (url: string) => boolean;
  /** The main window's webContents now (null while there is no window). */
  mainWebContents: () => unknown;
}

export function createSenderCheck(options: SenderCheckOptions): (event: SenderEventLike) => boolean {
  return (event) => {
    const frame = event.senderFrame;
    if (!frame) return false; // navigated away or destroyed since it sent: nothing left to trust
    if (frame.parent !== undefined && frame.parent !== null) return false;
    const main = options.mainWebContents();
    return main !== null && main !== undefined && event.sender === main && options.isAppUrl(frame.url);
  };
}
