/**
 * Where the Electron build of better-sqlite3 lives. It is built by scripts/build-electron-native.mjs into
 * native/electron/, away from node_modules/better-sqlite3/build (the Node build the tests and CLI use), so building
 * one never breaks the other. The Electron app passes this path as `nativeBinding` when it exists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export function electronNativeBindingPath(appRoot: string): string {
  return join(appRoot, 'native', 'electron', 'better_sqlite3.node');
}

/** The Electron build's path, or undefined when it has not been built (better-sqlite3 then loads its default). */
export function electronNativeBinding(appRoot: string): string | undefined {
  const path = electronNativeBindingPath(appRoot);
  return existsSync(path) ? path : undefined;
}
