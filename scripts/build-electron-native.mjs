#!/usr/bin/env node
// Builds better-sqlite3 for Electron into native/electron/better_sqlite3.node, which the Electron app passes to
// better-sqlite3 as `nativeBinding`. It never touches node_modules/better-sqlite3/build (the Node build that the
// tests and the CLI load): it compiles a copy of the package in a temporary directory against Electron's headers.
// An in-place `electron-rebuild` would replace the Node build, and a failed one deletes it.
//
//   node scripts/build-electron-native.mjs [--force] [--verbose]
//
// ELECTRON_HEADERS_URL overrides where node-gyp downloads Electron's headers from (a mirror).
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const args = new Set(process.argv.slice(2));
const force = args.has('--force');
const verbose = args.has('--verbose');
const headersUrl = process.env.ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';
const outDir = join(root, 'native', 'electron');
const outFile = join(outDir, 'better_sqlite3.node');
const stampFile = join(outDir, 'better_sqlite3.json');
const logFile = join(tmpdir(), 'cockpit-electron-native-build.log');
// Compiling SQLite takes about a minute on two cores; a stalled download must not hang a build forever.
const timeoutMs = 20 * 60 * 1000;

const say = (line) => console.log(`[native] ${line}`);
const fail = (line) => {
  console.error(`[native] FAILED: ${line}`);
  process.exit(1);
};

if (args.has('--help') || args.has('-h')) {
  console.log('Usage: node scripts/build-electron-native.mjs [--force] [--verbose]');
  console.log('Builds better-sqlite3 for Electron into native/electron/ without touching the Node build.');
  process.exit(0);
}

const electronVersion = readVersion('electron');
const sqliteVersion = readVersion('better-sqlite3');
if (!electronVersion) fail('the electron package is not installed (npm ci installs it); nothing to build for.');
if (!sqliteVersion) fail('better-sqlite3 is not installed; run npm ci first.');

const wanted = {
  electron: electronVersion,
  betterSqlite3: sqliteVersion,
  platform: process.platform,
  arch: process.arch,
};
if (!force && upToDate(wanted)) {
  say(
    `up to date: ${relative(root, outFile)} (Electron ${electronVersion}, better-sqlite3 ${sqliteVersion}); --force rebuilds.`,
  );
  process.exit(0);
}

const nodeGyp = findNodeGyp();
if (!nodeGyp) fail('node-gyp not found (it ships with npm); install npm or node-gyp and try again.');

say(`building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${process.platform}-${process.arch}).`);
say(`the Node build in node_modules/better-sqlite3/build is not touched.`);
const work = mkdtempSync(join(tmpdir(), 'cockpit-native-'));
let failure = 'unknown error';
try {
  const packageDir = dirname(require.resolve('better-sqlite3/package.json'));
  const copy = join(work, 'better-sqlite3');
  say(`copying the package to ${copy}`);
  cpSync(packageDir, copy, {
    recursive: true,
    filter: (src) => !isUnder(src, join(packageDir, 'build')) && !isUnder(src, join(packageDir, 'node_modules')),
  });

  say(`downloading Electron headers from ${headersUrl} and compiling (about a minute); log: ${logFile}`);
  const result = await run(
    process.execPath,
    [
      nodeGyp,
      'rebuild',
      '--release',
      '--runtime=electron',
      `--target=${electronVersion}`,
      `--dist-url=${headersUrl}`,
      `--arch=${process.arch}`,
    ],
    copy,
  );

  if (result.code !== 0) {
    const log = readFileSync(logFile, 'utf8');
    const why =
      /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|\b40[34]\b/i.test(
        log,
      )
        ? `could not download the Electron ${electronVersion} headers from ${headersUrl} (no internet? set ELECTRON_HEADERS_URL to a mirror)`
        : result.timedOut
          ? `node-gyp did not finish within ${timeoutMs / 60000} minutes`
          : `node-gyp exited with ${result.code}`;
    failure = `${why}. The Node build is untouched. Details: ${logFile}`;
  } else {
    const built = join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!existsSync(built)) {
      failure = `node-gyp reported success but produced no better_sqlite3.node. Details: ${logFile}`;
    } else {
      mkdirSync(outDir, { recursive: true });
      // Copy then rename, so the app never loads a half-written module.
      cpSync(built, `${outFile}.partial`);
      renameSync(`${outFile}.partial`, outFile);
      writeFileSync(stampFile, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
      say(`built ${relative(root, outFile)}`);
      failure = undefined;
    }
  }
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// Belt and braces: prove the Node build still loads, whatever happened above.
const check = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
  cwd: root,
  encoding: 'utf8',
});
if (check.status !== 0) {
  console.error(
    '[native] WARNING: the Node build of better-sqlite3 does not load; `npm rebuild better-sqlite3` restores it.',
  );
  failure ??= 'the Node build no longer loads';
} else {
  say('the Node build of better-sqlite3 still loads.');
}
if (failure) fail(failure);

function readVersion(name) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function upToDate(expected) {
  if (!existsSync(outFile) || !existsSync(stampFile)) return false;
  try {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
    return Object.entries(expected).every(([key, value]) => stamp[key] === value);
  } catch {
    return false;
  }
}

/** npm's own node-gyp first (npm tells scripts where it is), then a project or global install. */
function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency of this project; look beside npm below
  }
  if (process.env.npm_execpath)
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  const prefix = dirname(dirname(process.execPath));
  candidates.push(join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  candidates.push(
    join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'),
  );
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

function isUnder(path, dir) {
  return path === dir || path.startsWith(dir + sep);
}

/** Runs node-gyp with its output in the log (and on screen with --verbose). */
function run(command, commandArgs, cwd) {
  // npm passes its config to scripts as npm_config_*, and node-gyp obeys them: a `nodedir` (Node's own headers) or
  // a `target`/`runtime` meant for Node would silently build a module Electron cannot load.
  const nodeOnly = /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|target_arch|build_from_source)$/i;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !nodeOnly.test(key)));
  return new Promise((resolve) => {
    const log = createWriteStream(logFile);
    log.write(`$ ${command} ${commandArgs.join(' ')}\n(cwd ${cwd})\n\n`);
    const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    let dots = 0;
    const progress = setInterval(() => {
      if (!verbose) process.stdout.write(++dots % 60 === 0 ? '.\n' : '.');
    }, 5000);
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        log.write(chunk);
        if (verbose) process.stdout.write(chunk);
      });
    }
    const finish = (code) => {
      clearTimeout(timer);
      clearInterval(progress);
      if (!verbose && dots > 0) process.stdout.write('\n');
      log.end(() => resolve({ code, timedOut }));
    };
    child.on('error', (error) => {
      log.write(`\n${error.stack ?? error}\n`);
      finish(1);
    });
    child.on('close', (code) => finish(code ?? 1));
  });
}
