/**
 * Where the app's own files are, whether running from source (tests), from the bundle in out/ (CLI, serve) or
 * inside Electron. Found by walking up to our package.json rather than by counting '..', which differs per build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (name === 'reliability-cockpit') return (cachedRoot = dir);
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the Reliability Cockpit package root');
    dir = parent;
  }
}

export function appVersion(): string {
  const { version } = JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string };
  return version;
}

/**
 * The built-in demo workspace file. Unpacked: its releases are copied and read by the local transport's shell,
 * which cannot look inside the packaged app's archive.
 */
export function demoWorkspacePath(): string {
  return unpacked(join(appRoot(), 'resources', 'demo', 'cockpit.yaml'));
}

/**
 * The real file behind a path inside the packaged app's app.asar. The demo's files are unpacked next to it
 * (electron-builder's asarUnpack, in app.asar.unpacked/): a process started on one — a utility process, plain
 * Node, a shell — must be given the file on disk, since only the app's own patched fs can read inside the archive.
 */
export function unpacked(path: string): string {
  const archive = `${sep}app.asar${sep}`;
  const at = path.indexOf(archive);
  return at === -1 ? path : `${path.slice(0, at)}${sep}app.asar.unpacked${sep}${path.slice(at + archive.length)}`;
}

/** The built renderer (index.html and assets), served by serve mode and loaded by the Electron window. */
export function rendererDir(): string {
  return join(appRoot(), 'out', 'renderer');
}

/** The default data directory when Electron's userData is not available (CLI and serve mode). */
export function defaultDataDir(): string {
  const fromEnv = process.env.COCKPIT_DATA_DIR;
  if (fromEnv) return resolve(fromEnv);
  const home = process.env.HOME ?? process.env.USERPROFILE ?? '.';
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Reliability Cockpit');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? home, 'Reliability Cockpit');
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'reliability-cockpit');
}
