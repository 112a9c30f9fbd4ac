/**
 * Files the Electron shell needs, relative to the package root (the same walk electron/paths.ts does, so it
 * works from source, from out/ and from inside a packaged app).
 */
import { join } from 'node:path';
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

/** Where the window remembers its position. */
export function windowStateFile(userData: string): string {
  return join(userData, 'window-state.json');
}
