/**
 * The parts of Electron the start sequence uses, each as the narrow slice it calls. main.ts passes the real
 * modules (the compiler checks they fit); the tests pass fakes, so the whole start, quit and relaunch logic runs
 * under plain Node where Electron's binary is not even installed.
 */
import { type Theme } from '../../shared/api/app';
import { type DialogLike } from './dialogs';
import { type IpcMainLike, type WebContentsLike } from './ipc';
import { type MenuItemTemplate } from './menu';
import { type NotificationCtor, type NotificationLike } from './notify';
import { type PermissionSessionLike } from './permissions';
import { type AppRequestLike } from './app-protocol';
import { type QuitWindowLike } from './quit';
import { type SafeStorageLike } from './safe-storage';
import { type SenderEventLike } from './sender-trust';
import { type SecondInstanceListener } from './single-instance';
import { type TrayLike } from './tray';
import { type GuardedContents, type PreventableEvent } from './web-guards';
import { type BrowserWindowLike, type WindowOptionsLike } from './window';
import { type Rect } from './window-state';

export interface AppLike {
  readonly isPackaged: boolean;
  setPath(name: 'userData', path: string): void;
  getPath(name: 'userData' | 'documents'): string;
  whenReady(): Promise<unknown>;
  requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean;
  on(event: 'second-instance', listener: SecondInstanceListener): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown;
  /** macOS: a file of ours was double-clicked or dropped on the Dock icon (may come before ready). */
  on(event: 'open-file', listener: (event: PreventableEvent, path: string) => void): unknown;
  quit(): void;
  exit(code: number): void;
  setAppUserModelId(id: string): void;
  setAboutPanelOptions(options: { applicationName: string; applicationVersion: string }): void;
  showAboutPanel(): void;
}

/** The main window's webContents: the guards' events, IPC's send, and what the start sequence listens to. */
export interface MainContentsLike extends GuardedContents, WebContentsLike {
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url?: string }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'preload-error', listener: (event: unknown, preloadPath: string, error: Error) => void): unknown;
  /** A navigation starts; a main-frame, new-document one (a reload) means the page must subscribe again. */
  on(
    event: 'did-start-navigation',
    listener: (details: { isMainFrame: boolean; isSameDocument: boolean }) => void,
  ): unknown;
  on(event: 'render-process-gone', listener: (event: unknown, details: { reason: string }) => void): unknown;
  printToPDF(options: { printBackground: boolean; pageSize: 'A4' }): Promise<Uint8Array>;
}

export interface MainWindowLike extends BrowserWindowLike, QuitWindowLike {
  readonly webContents: MainContentsLike;
  once(event: 'ready-to-show' | 'closed', listener: () => void): unknown;
  on(event: 'close' | 'closed', listener: () => void): unknown;
  isMinimized(): boolean;
  restore(): void;
  focus(): void;
  isFocused(): boolean;
  setBackgroundColor(color: string): void;
}

export interface BrowserWindowClassLike<W extends MainWindowLike> {
  new (options: WindowOptionsLike): W;
  getAllWindows(): W[];
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(
    schemes: { scheme: string; privileges: { standard: boolean; secure: boolean; supportFetchAPI: boolean } }[],
  ): void;
  handle(scheme: string, handler: (request: AppRequestLike) => Promise<Response>): void;
}

export interface SessionModuleLike {
  readonly defaultSession: PermissionSessionLike;
}

export interface MenuModuleLike {
  buildFromTemplate(template: MenuItemTemplate[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export interface NativeThemeLike {
  themeSource: Theme;
  readonly shouldUseDarkColors: boolean;
}

export interface PowerMonitorLike {
  on(event: 'suspend' | 'resume', listener: () => void): unknown;
}

export interface ElectronParts<W extends MainWindowLike> {
  app: AppLike;
  BrowserWindow: BrowserWindowClassLike<W>;
  ipcMain: IpcMainLike<SenderEventLike>;
  protocol: ProtocolLike;
  session: SessionModuleLike;
  dialog: DialogLike<W> & { showErrorBox(title: string, content: string): void };
  Menu: MenuModuleLike;
  Tray: new (image: string) => TrayLike;
  Notification: NotificationCtor<NotificationLike>;
  nativeTheme: NativeThemeLike;
  powerMonitor: PowerMonitorLike;
  screen: { getAllDisplays(): { workArea: Rect }[] };
  shell: { openExternal(url: string): Promise<void> };
  safeStorage: SafeStorageLike;
}
