#!/usr/bin/env node
// `npm start`: opens the desktop app, and says in one line what is wrong when it cannot:
//   - Node.js older than 22.13: names the version and stops (the rest of the tooling fails cryptically there);
//   - no Electron binary (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1): says so and starts serve mode instead;
//   - Electron exits with an error within its first seconds: names the cause from its stderr and what to do, above
//     all Linux's AppArmor blocking the Chromium sandbox (Ubuntu 23.10+). It never retries with --no-sandbox: that
//     would run the window's web content without the OS sandbox the app's security model relies on.
// Electron's stderr still reaches the terminal as it comes; it is only read along the way.
//
// `--check-node` only checks the Node version (exit 1 when too old), for a script that runs before the build.
// COCKPIT_ELECTRON_BINARY, when set, replaces the Electron binary (the end-to-end tests pass a fake one).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_NODE = [22, 13];
/** An exit within this long after launch is a failure to start, not the app ending or crashing later. */
export const START_WINDOW_MS = 15_000;
const SERVE_HINT = '`npm run serve` opens the same app in your browser meanwhile.';
/** Chromium's detailed guide to the AppArmor restriction and each way out of it. */
const APPARMOR_GUIDE =
  'https://chromium.googlesource.com/chromium/src/+/main/docs/security/apparmor-userns-restrictions.md';

/**
 * One line when this Node.js is too old for the cockpit, else null. `version` is `process.versions.node`.
 * @param {string} version
 * @returns {string | null}
 */
export function nodeVersionProblem(version) {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const [needMajor, needMinor] = MIN_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return null;
  return `Reliability Cockpit needs Node.js ${needMajor}.${needMinor} or newer (24 recommended); this is v${version}.`;
}

/** Chromium's log prefix, `[pid:MMDD/HHMMSS.micros:LEVEL:file.cc(line)] `. */
const CHROMIUM_PREFIX = /^\[\d+(?::\d+)*:\d{4}\/\d{6}\.\d+:([A-Z]+):[^\]]*\]\s*/;

/** Lines Electron prints on a healthy Linux start too: they never explain a failure. */
const NOISE = [
  /Failed to connect to the bus/i,
  /Gtk-(Message|WARNING)/,
  /libva error/i,
  /Fontconfig/i,
  /viz_main_impl|gpu_init|gpu_process_host|GPU process/i,
  /^Trace\/breakpoint trap/,
  /^\s*at\s/, // a stack frame: the error line above it is the meaningful one
];

/**
 * The line of Electron's stderr that says why it stopped: a FATAL Chromium line, else the app's own
 * "[cockpit] cannot start" line or a JavaScript error, else the first line that is not start-up noise.
 * Chromium's log prefix is dropped. Empty when stderr says nothing useful.
 * @param {string} stderr
 * @returns {string}
 */
export function meaningfulLine(stderr) {
  const lines = stderr
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const fatal = lines.find((line) => CHROMIUM_PREFIX.exec(line)?.[1] === 'FATAL');
  const own = lines.find((line) => line.startsWith('[cockpit]') || /^(Uncaught )?([A-Z]\w*)?Error\b/.test(line));
  const first = lines.find((line) => !NOISE.some((noise) => noise.test(line)));
  return (fatal ?? own ?? first ?? '').replace(CHROMIUM_PREFIX, '');
}

/**
 * The chrome-sandbox helper the FATAL line names, or where Electron keeps it.
 * @param {string} stderr
 * @param {string | undefined} binary
 */
function sandboxHelper(stderr, binary) {
  const named = /make sure that (\S+chrome-sandbox) is owned by root/.exec(stderr)?.[1];
  if (named) return named;
  return binary ? join(dirname(binary), 'chrome-sandbox') : 'node_modules/electron/dist/chrome-sandbox';
}

/**
 * Chromium refuses to start without its sandbox: the SUID helper is not set up (the AppArmor restriction on
 * unprivileged user namespaces of Ubuntu 23.10+ makes Chromium fall back to it) or no sandbox works at all.
 * @param {string} stderr
 */
export function isSandboxBlocked(stderr) {
  return (
    stderr.includes('The SUID sandbox helper binary was found, but is not configured correctly') ||
    stderr.includes('No usable sandbox!')
  );
}

/**
 * What to tell a person whose Electron stopped at start, in one line: why (from its stderr) and what to do.
 * @param {{ code: number | null, signal: string | null, stderr: string, binary?: string }} exit
 * @returns {string}
 */
export function startFailureMessage(exit) {
  const { code, signal, stderr, binary } = exit;
  if (isSandboxBlocked(stderr)) {
    const helper = sandboxHelper(stderr, binary);
    const electron = binary ?? 'node_modules/electron/dist/electron';
    return (
      'Electron could not start: Linux blocks the Chromium sandbox here (AppArmor restricts unprivileged user ' +
      'namespaces, as on Ubuntu 23.10 and later). Fix it once with an AppArmor profile that allows `userns` for ' +
      `${electron} in /etc/apparmor.d/ (see docs/desktop-app.md), or: sudo chown root ${helper} && ` +
      `sudo chmod 4755 ${helper}; for this boot only: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0. ` +
      `The app never runs without its sandbox; ${SERVE_HINT} More: ${APPARMOR_GUIDE}`
    );
  }
  const how = code !== null ? `exited with code ${code}` : `was stopped by ${signal ?? 'a signal'}`;
  const line = meaningfulLine(stderr);
  return `Electron ${how} at start${line ? `: ${line}` : ' without saying why'}. ${SERVE_HINT}`;
}

/** The Electron binary, or undefined when it was never downloaded. */
function electronBinary() {
  const override = process.env.COCKPIT_ELECTRON_BINARY;
  if (override) return override;
  try {
    // The electron package exports the binary's path, and throws when the binary was never downloaded.
    return createRequire(import.meta.url)('electron');
  } catch {
    return undefined;
  }
}

/**
 * Runs a child in the foreground: Ctrl+C and `kill` reach it, and this process ends with its code. 'close', not
 * 'exit': by then every byte of its stderr has been read.
 * @param {import('node:child_process').ChildProcess} child
 * @param {(code: number | null, signal: string | null, stopping: boolean) => void} [onEnd]
 */
function foreground(child, onEnd) {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      stopping = true;
      child.kill(signal);
    });
  }
  child.on('close', (code, signal) => {
    onEnd?.(code, signal, stopping);
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

function main() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
  const args = process.argv.slice(2);
  if (args.includes('--check-node')) return;

  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const binary = electronBinary();
  if (!binary) {
    console.log(
      'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD) — starting serve mode instead; open the URL below.',
    );
    foreground(spawn(process.execPath, [join(root, 'bin', 'cockpit.js'), 'serve', ...args], { stdio: 'inherit' }));
    return;
  }

  const startedAt = Date.now();
  const child = spawn(binary, [root, ...args], { stdio: ['inherit', 'inherit', 'pipe'] });
  // Kept only for the start window, and only its tail: enough to find the line that says why.
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    if (Date.now() - startedAt < START_WINDOW_MS) stderr = (stderr + chunk.toString('utf8')).slice(-64_000);
  });
  let launchError = false;
  child.on('error', (error) => {
    launchError = true;
    console.error(`Electron could not be launched (${binary}): ${error.message}. ${SERVE_HINT}`);
  });
  foreground(child, (code, signal, stopping) => {
    const failed = (code !== null && code !== 0) || (code === null && signal !== null);
    if (failed && !stopping && !launchError && Date.now() - startedAt < START_WINDOW_MS) {
      console.error(startFailureMessage({ code, signal, stderr, binary }));
    }
  });
}

// Imported by its tests for the functions above; run as a script by `npm start`.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
