import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { isSandboxBlocked, meaningfulLine, nodeVersionProblem, startFailureMessage } from './start.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The electron package exports its binary's path, and throws when the binary was never downloaded. */
function electronBinaryInstalled(): boolean {
  try {
    createRequire(import.meta.url)('electron');
    return true;
  } catch {
    return false;
  }
}

const hasElectron = electronBinaryInstalled();
if (hasElectron) console.warn('[start.test] the Electron binary is installed: `npm start` opens the desktop app here.');

// What Electron really prints on Ubuntu 23.10+ when AppArmor blocks its sandbox (then it dies of SIGTRAP: 133).
const SUID_FATAL =
  "[1234:0101/000000.000000:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /home/u/app/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.";
const NO_USABLE_SANDBOX =
  '[110483:110483:0415/143659.359212:FATAL:zygote_host_impl_linux.cc(127)] No usable sandbox! Update your kernel or see https://chromium.googlesource.com/chromium/src/+/main/docs/linux/suid_sandbox_development.md for more information on developing with the SUID sandbox. If you want to live dangerously and need an immediate workaround, you can try using --no-sandbox.';
const BUS_NOISE =
  '[5678:0101/000000.000000:ERROR:bus.cc(407)] Failed to connect to the bus: Could not parse server address: Unknown address type';

describe('nodeVersionProblem', () => {
  it('accepts 22.13 (the first with node:sqlite unflagged) and anything newer', () => {
    for (const version of ['22.13.0', '22.20.1', '23.4.0', '24.22.3', '30.1.0']) {
      expect(nodeVersionProblem(version)).toBeNull();
    }
  });

  it('names the version in one line below 22.13', () => {
    expect(nodeVersionProblem('22.12.0')).toBe(
      'Reliability Cockpit needs Node.js 22.13 or newer (24 recommended); this is v22.12.0.',
    );
    for (const version of ['20.19.5', '18.20.8', '21.99.0']) {
      expect(nodeVersionProblem(version)).toMatch(new RegExp(`^Reliability Cockpit needs .*; this is v${version}\\.$`));
    }
  });
});

describe('startFailureMessage', () => {
  it('recognises the AppArmor block from the SUID sandbox line and gives the fixes, never --no-sandbox', () => {
    expect(isSandboxBlocked(`${BUS_NOISE}\n${SUID_FATAL}\n`)).toBe(true);
    const message = startFailureMessage({ code: 133, signal: null, stderr: `${BUS_NOISE}\n${SUID_FATAL}\n` });
    expect(message).not.toContain('\n');
    expect(message).toMatch(/^Electron could not start: Linux blocks the Chromium sandbox here \(AppArmor/);
    expect(message).toContain('/etc/apparmor.d/');
    expect(message).toContain('`userns`');
    expect(message).toContain('sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
    // The helper named in the FATAL line, not a guessed one.
    expect(message).toContain(
      'sudo chown root /home/u/app/node_modules/electron/dist/chrome-sandbox && sudo chmod 4755 /home/u/app/node_modules/electron/dist/chrome-sandbox',
    );
    expect(message).toContain('`npm run serve`');
    expect(message).not.toContain('--no-sandbox');
  });

  it('recognises "No usable sandbox!" (a SIGTRAP, no exit code) and does not repeat its --no-sandbox advice', () => {
    const message = startFailureMessage({
      code: null,
      signal: 'SIGTRAP',
      stderr: `${NO_USABLE_SANDBOX}\nTrace/breakpoint trap (core dumped)\n`,
      binary: '/w/node_modules/electron/dist/electron',
    });
    expect(message).toMatch(/^Electron could not start: Linux blocks the Chromium sandbox/);
    expect(message).toContain('sudo chown root /w/node_modules/electron/dist/chrome-sandbox');
    expect(message).toContain('userns` for /w/node_modules/electron/dist/electron');
    expect(message).not.toContain('--no-sandbox');
  });

  it('names any other crash with its code and the line that says why, past start-up noise', () => {
    const stderr = [
      BUS_NOISE,
      '(electron:5678): Gtk-WARNING **: cannot open display',
      'App threw an error during load',
      "Error: Cannot find module '/w/out/main/index.js'",
      '    at Module._resolveFilename (node:internal/modules/cjs/loader:1234:15)',
    ].join('\n');
    expect(startFailureMessage({ code: 1, signal: null, stderr })).toBe(
      "Electron exited with code 1 at start: Error: Cannot find module '/w/out/main/index.js'. `npm run serve` opens the same app in your browser meanwhile.",
    );
  });

  it("prefers Chromium's FATAL line, without its log prefix, and says when it was a signal", () => {
    const stderr = `${BUS_NOISE}\n[9:0101/000000.000000:FATAL:ozone_platform_x11.cc(240)] Missing X server or $DISPLAY\n`;
    expect(startFailureMessage({ code: null, signal: 'SIGTRAP', stderr })).toBe(
      'Electron was stopped by SIGTRAP at start: Missing X server or $DISPLAY. `npm run serve` opens the same app in your browser meanwhile.',
    );
  });

  it("uses the app's own reason when its main process gave up", () => {
    const stderr = `${BUS_NOISE}\n[cockpit] cannot start: Error: the journal is locked by another cockpit\n`;
    expect(meaningfulLine(stderr)).toBe('[cockpit] cannot start: Error: the journal is locked by another cockpit');
  });

  it('says so when stderr holds nothing but noise', () => {
    expect(startFailureMessage({ code: 2, signal: null, stderr: `${BUS_NOISE}\n\n` })).toBe(
      'Electron exited with code 2 at start without saying why. `npm run serve` opens the same app in your browser meanwhile.',
    );
  });
});

/** Runs `node scripts/start.mjs` to its end; stdout and stderr as text. */
function runStart(env: NodeJS.ProcessEnv, args: string[] = []) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
}

describe('`npm start` with an Electron that crashes at start', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A stand-in for the Electron binary: logs each launch's arguments, prints `stderr`, exits with `code`. */
  function fakeElectron(stderr: string, code: number): { binary: string; launches: () => string[][] } {
    dir = mkdtempSync(join(tmpdir(), 'cockpit-fake-electron-'));
    const log = join(dir, 'launches.jsonl');
    const binary = join(dir, 'electron');
    writeFileSync(
      binary,
      [
        `#!${process.execPath}`,
        `require('node:fs').appendFileSync(${JSON.stringify(log)}, JSON.stringify(process.argv.slice(2)) + '\\n');`,
        `process.stderr.write(${JSON.stringify(stderr)});`,
        `process.exit(${code});`,
      ].join('\n'),
    );
    chmodSync(binary, 0o755);
    const launches = () =>
      existsSync(log)
        ? readFileSync(log, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as string[])
        : [];
    return { binary, launches };
  }

  it('shows its stderr, then one line with the AppArmor fix, exits with its code and never retries without the sandbox', async () => {
    const fake = fakeElectron(`${BUS_NOISE}\n${SUID_FATAL}\n`, 133);
    const { code, stdout, stderr } = await runStart({ COCKPIT_ELECTRON_BINARY: fake.binary }, ['--demo']);

    expect(code).toBe(133);
    expect(fake.launches()).toEqual([[root.replace(/\/$/, ''), '--demo']]);
    expect(fake.launches().flat()).not.toContain('--no-sandbox');
    // Electron's own output reached the terminal untouched, before the explanation.
    expect(stderr.startsWith(`${BUS_NOISE}\n${SUID_FATAL}\n`)).toBe(true);
    const ours = stderr.slice(`${BUS_NOISE}\n${SUID_FATAL}\n`.length).split('\n').filter(Boolean);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatch(/^Electron could not start: Linux blocks the Chromium sandbox here/);
    expect(ours[0]).toContain('sudo chmod 4755 /home/u/app/node_modules/electron/dist/chrome-sandbox');
    expect(stdout).toBe('');
  });

  it('names another crash with its code and first meaningful line', async () => {
    const fake = fakeElectron(`${BUS_NOISE}\nError: boom in main\n    at main (index.js:1:1)\n`, 1);
    const { code, stderr } = await runStart({ COCKPIT_ELECTRON_BINARY: fake.binary });
    expect(code).toBe(1);
    expect(fake.launches()).toHaveLength(1);
    expect(stderr.trim().split('\n').at(-1)).toBe(
      'Electron exited with code 1 at start: Error: boom in main. `npm run serve` opens the same app in your browser meanwhile.',
    );
  });

  it('adds nothing when Electron ends normally', async () => {
    const fake = fakeElectron('', 0);
    const { code, stdout, stderr } = await runStart({ COCKPIT_ELECTRON_BINARY: fake.binary });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('with --check-node, only checks the version (this Node is new enough)', async () => {
    const fake = fakeElectron('', 0);
    const result = await runStart({ COCKPIT_ELECTRON_BINARY: fake.binary }, ['--check-node']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fake.launches()).toEqual([]);
  });
});

describe.skipIf(hasElectron)('`npm start` without the Electron binary', () => {
  let dataDir = '';
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says so in one line, starts serve mode on 127.0.0.1 with a token, and stops with the terminal', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cockpit-start-'));
    const { COCKPIT_ELECTRON_BINARY: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [join(root, 'scripts', 'start.mjs'), '--demo', '--data-dir', dataDir], {
      cwd: root,
      env: { ...env, COCKPIT_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const lines: string[] = [];
    const url = await new Promise<string>((found, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL in 20 s:\n${lines.join('\n')}`)), 20_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{16,}/.exec(line);
        if (match) {
          clearTimeout(timer);
          found(match[0]);
        }
      });
    });
    expect(lines[0]).toMatch(/^Electron binary not installed .* starting serve mode instead/);
    expect(lines.join('\n')).toContain('Demo Shop');

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');

    child.kill('SIGTERM');
    await exited;
    await expect(fetch(url)).rejects.toThrow();
  });
});
