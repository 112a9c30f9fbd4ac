/**
 * Files the Electron shell needs, relative to the package root (the same walk electron/paths.ts does, so it
 * works from source, from out/ and from inside a packaged app).
 */
import { join } from 'node:path';
import { electronNativeBinding as journalNativeBinding } from '../journal/native-binding';
import { appRoot, rendererDir } from '../paths';

/** The sandboxed preload, built as CommonJS by electron-vite. */
export function preloadPath(): string {
  return join(appRoot(), 'out', 'preload', 'index.cjs');
}

export function rendererIndexFile(): string {
  return join(rendererDir(), 'index.html');
}

export function iconsDir(): string {
  return join(appRoot(), 'resources', 'icons');
}

export function appIconPath(): string {
  return join(iconsDir(), 'icon.png');
}

/**
 * The Electron build of better-sqlite3, kept apart from the Node build the tests use (DESIGN.md §4); undefined
 * until scripts/build-electron-native.mjs has built it (better-sqlite3 then tries its default build).
 */
export function electronNativeBinding(): string | undefined {
  return journalNativeBinding(appRoot());
}

/** Where the window remembers its position. */
export function windowStateFile(userData: string): string {
  return join(userData, 'window-state.json');
}
