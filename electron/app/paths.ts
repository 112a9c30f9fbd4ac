/**
 * Files the Electron shell needs, relative to the package root (the same walk electron/paths.ts does, so it
 * works from source, from out/ and from inside a packaged app).
 */
import { join } from 'node:path';
import { appRoot, rendererDir } from '../paths';

export interface AppFiles {
  /** The sandboxed preload bundle (out/preload/index.cjs). */
  preload: string;
  /** The built renderer folder app:// serves (out/renderer). */
  rendererDir: string;
  iconsDir: string;
  /** The window icon (Windows and Linux; macOS takes the bundle's). */
  appIcon: string;
}

/** The sandboxed preload, built as CommonJS by electron-vite. */
export function preloadPath(): string {
  return join(appRoot(), 'out', 'preload', 'index.cjs');
}

export function iconsDir(): string {
  return join(appRoot(), 'resources', 'icons');
}

export function appIconPath(): string {
  return join(iconsDir(), 'icon.png');
}

/** Every file the start sequence needs; the renderer folder is what app:// serves. */
export function appFiles(): AppFiles {
  return { preload: preloadPath(), rendererDir: rendererDir(), iconsDir: iconsDir(), appIcon: appIconPath() };
}

/** Where the window remembers its position. */
export function windowStateFile(userData: string): string {
  return join(userData, 'window-state.json');
}
