import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLocalTransport } from './local';

const dir = mkdtempSync(join(tmpdir(), 'cockpit-local-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const local = createLocalTransport({ host: 'laptop', killGraceMs: 300 });

/** Waits (up to 5 s) until no process runs exactly `args`; true when none is left. */
async function gone(args: string): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    const left = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.trim() === args);
    if (left.length === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('local transport', () => {
  it('runs a command line and reports output and exit code', async () => {
    const r = await local.exec('echo out; echo err >&2; exit 3');
    expect(r).toMatchObject({ host: 'laptop', exitCode: 3, signal: null, stdout: 'out\n', stderr: 'err\n' });
    expect(r.timedOut).toBe(false);
  });

  it('runs in the working directory with the given environment, values taken literally', async () => {
    const r = await local.exec('pwd; printf "%s" "$GREETING"', { cwd: dir, env: { GREETING: "it's $(id)" } });
    expect(r.stdout).toBe(`${dir}\nit's $(id)`);
  });

  it('fails clearly when the working directory is missing', async () => {
    const r = await local.exec('echo never', { cwd: join(dir, 'nope') });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/nope/);
  });

  it('refuses an environment name that could inject code', async () => {
    await expect(local.exec('true', { env: { 'X;id': '1' } })).rejects.toThrow(/not a valid environment variable/);
  });

  it('streams output as it arrives', async () => {
    const chunks: string[] = [];
    await local.exec('echo one; sleep 0.2; echo two', { onOutput: (c) => chunks.push(c) });
    expect(chunks.join('')).toBe('one\ntwo\n');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
  });

  it('kills the command and everything it started on timeout', async () => {
    const marker = join(dir, 'survived');
    const r = await local.exec(`(sleep 7.25; touch ${marker}) & sleep 5`, { timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(r.signal).toBe('SIGTERM');
    // The background child is gone too (its group was killed), so the marker can never appear.
    expect(await gone('sleep 7.25')).toBe(true);
  });

  it('cancels through an AbortSignal', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const r = await local.exec('sleep 5', { signal: controller.signal });
    expect(r.cancelled).toBe(true);
    expect(r.exitCode).toBeNull();
  });

  it('does not start a command that is already cancelled', async () => {
    const marker = join(dir, 'started');
    const r = await local.exec(`touch ${marker}`, { signal: AbortSignal.abort() });
    expect(r.cancelled).toBe(true);
    expect(() => statSync(marker)).toThrow();
  });

  it('does not start a command cancelled right after it was asked for (before its slot was handed over)', async () => {
    const marker = join(dir, 'started-late');
    const controller = new AbortController();
    const pending = local.exec(`touch ${marker}`, { signal: controller.signal });
    controller.abort();
    const r = await pending;
    expect(r.cancelled).toBe(true);
    expect(() => statSync(marker)).toThrow();
  });

  it('keeps only the tail of long output', async () => {
    const r = await local.exec('seq 1 100000', { maxOutputBytes: 100 });
    expect(Buffer.byteLength(r.stdout)).toBeLessThanOrEqual(100);
    expect(r.stdout.endsWith('99999\n100000\n')).toBe(true);
  });

  it('gives a host its own home when asked: $HOME, ~, the starting folder and ~/ uploads', async () => {
    const home = join(dir, 'pretend-host');
    mkdirSync(home);
    const pretend = createLocalTransport({ host: 'demo-1', home });
    const r = await pretend.exec('echo "$HOME"; pwd; echo ~');
    expect(r.stdout).toBe(`${home}\n${home}\n${home}\n`);
    const source = join(dir, 'note.txt');
    writeFileSync(source, 'hi');
    await pretend.upload(source, '~/note.txt');
    expect(readFileSync(join(home, 'note.txt'), 'utf8')).toBe('hi');
  });

  it('uploads by copying, with the mode asked for', async () => {
    const source = join(dir, 'src.sh');
    writeFileSync(source, '#!/bin/sh\necho hi\n');
    const target = join(dir, 'dst.sh');
    await local.upload(source, target, { mode: 0o750 });
    expect(readFileSync(target, 'utf8')).toContain('echo hi');
    expect(statSync(target).mode & 0o777).toBe(0o750);
  });
});

/**
 * The Windows branch, run here with stand-ins: %ComSpec% names a fake cmd.exe that checks it was called as
 * `/d /s /c "CMD"`, logs the line it got and runs it with /bin/sh (only so the test can see cwd and environment);
 * %SystemRoot%\System32\taskkill.exe is a fake that logs its arguments and kills the process and its children.
 */
describe('local transport with the Windows shell', () => {
  const win = join(dir, 'windows');
  const cmdLog = join(win, 'cmd.log');
  const taskkillLog = join(win, 'taskkill.log');

  beforeAll(() => {
    mkdirSync(join(win, 'System32'), { recursive: true });
    writeFileSync(
      join(win, 'cmd.exe'),
      String.raw`#!/bin/sh
[ "$1 $2 $3" = "/d /s /c" ] || { echo "called as: $*" >&2; exit 99; }
printf '%s\n' "$4" >> "$CMD_LOG"
line=$(printf '%s' "$4" | sed 's/^"//; s/"$//')
exec /bin/sh -c "$line"
`.replace('$CMD_LOG', cmdLog),
    );
    writeFileSync(
      join(win, 'System32', 'taskkill.exe'),
      String.raw`#!/bin/sh
echo "$*" >> "$TASKKILL_LOG"
tree() { for c in $(pgrep -P "$1"); do tree "$c"; done; kill -KILL "$1" 2>/dev/null; }
tree "$2"
`.replace('$TASKKILL_LOG', taskkillLog),
    );
    chmodSync(join(win, 'cmd.exe'), 0o755);
    chmodSync(join(win, 'System32', 'taskkill.exe'), 0o755);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    rmSync(cmdLog, { force: true });
    rmSync(taskkillLog, { force: true });
  });

  function windowsHost(home?: string) {
    vi.stubEnv('ComSpec', join(win, 'cmd.exe'));
    vi.stubEnv('SystemRoot', win);
    return createLocalTransport({ host: 'pc', platform: 'win32', home, killGraceMs: 300 });
  }
  const linesGot = () => readFileSync(cmdLog, 'utf8').trim().split('\n');

  it('hands the command line to %ComSpec% as written, and cwd and environment to the process, never pasted', async () => {
    const home = join(dir, 'win-home');
    mkdirSync(join(home, 'app'), { recursive: true });
    const r = await windowsHost(home).exec('pwd; printf "%s" "$GREETING"', {
      cwd: '~/app',
      env: { GREETING: "it's $(id) & %PATH%" },
    });
    expect(r).toMatchObject({ exitCode: 0, stdout: `${join(home, 'app')}\nit's $(id) & %PATH%` });
    // No `cd` or `export` line: cmd.exe would need quoting it does not have.
    expect(linesGot()).toEqual(['"pwd; printf "%s" "$GREETING""']);
  });

  it('reports a missing working directory the way cd does, without starting anything', async () => {
    const r = await windowsHost().exec('echo never', { cwd: join(dir, 'nope') });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/nope: No such directory/);
    expect(existsSync(cmdLog)).toBe(false);
  });

  it('refuses a multi-line script, which cmd.exe would cut to its first line', async () => {
    await expect(windowsHost().exec('base=/srv/app\nmkdir -p "$base"')).rejects.toThrow(
      /pc: cmd\.exe runs a single line and this command has 2/,
    );
    expect(existsSync(cmdLog)).toBe(false);
  });

  it('refuses an environment name that could inject code', async () => {
    await expect(windowsHost().exec('ver', { env: { 'X&calc': '1' } })).rejects.toThrow(
      /not a valid environment variable/,
    );
  });

  it('stops the command tree with taskkill /T /F on timeout', async () => {
    const r = await windowsHost().exec('sleep 5', { timeoutMs: 200 });
    expect(r.timedOut).toBe(true);
    expect(readFileSync(taskkillLog, 'utf8').split('\n')[0]).toMatch(/^\/pid \d+ \/T \/F$/);
    expect(await gone('sleep 5')).toBe(true);
  });
});
