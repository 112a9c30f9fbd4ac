#!/usr/bin/env node
// `npm start`: opens the desktop app; where the Electron binary is missing (installed with
// ELECTRON_SKIP_BINARY_DOWNLOAD=1), says so in one line and starts serve mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    return createRequire(import.meta.url)('electron');
  } catch {
    return undefined;
  }
}

const binary = electronBinary();
if (binary) {
  // Electron needs its own build of the SQLite module, kept apart from the Node build the tests and CLI use.
  const native = spawnSync(process.execPath, [join(root, 'scripts', 'build-electron-native.mjs')], {
    stdio: 'inherit',
  });
  if (native.status !== 0)
    console.warn(
      'Could not build the SQLite module for Electron; the app cannot open its journal until `npm run build:native` succeeds.',
    );
}
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log(
      'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD) — starting serve mode instead; open the URL below.',
    ),
    spawn(process.execPath, [join(root, 'bin', 'cockpit.js'), 'serve', ...args], { stdio: 'inherit' }));

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
