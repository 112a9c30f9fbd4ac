/**
 * `cockpit` as a real process (from the sources, as bin/cockpit.js runs the build): start-up and storage faults end
 * in one clean line, never a Node stack trace, and a closed pipe is not an error at all.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { overwriteBlocksMidFile, writeJournal } from '../journal/test-support/damage';
import { useTempDir } from '../journal/test-support/temp-dir';

const here = import.meta.dirname;
const root = join(here, '..', '..');
const cockpit = join(here, 'test-support', 'cockpit.ts');
const fullDisk = join(here, 'test-support', 'full-disk-preload.ts');
const tempDir = useTempDir('cockpit-cli-faults-');

const VALID = `version: 1
name: Acme Shop
environments:
  staging: { hosts: [stg-1] }
hosts:
  stg-1: { ssh: deploy@stg-1 }
services:
  api: {}
`;
const BROKEN = 'version: 1\nname: Acme\nservices:\n  api: { nonsense: 1 }\n  web: { nonsense: 1 }\n';

/** A Node stack frame ("    at main (file.js:1:2)"): what a user must never be shown. */
const STACK_FRAME = /^\s+at /m;

function args(command: string[], preload: string[] = []): string[] {
  return ['--import', 'tsx', ...preload.flatMap((file) => ['--import', file]), cockpit, ...command];
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string[], options: { preload?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<Finished> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args(command, options.preload),
      { cwd: root, env: { ...process.env, ...options.env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    await exited;
  }
});

/** Starts serve with --json; resolves with its first stdout line (the JSON) and what it said on stderr by then. */
function startServe(dataDir: string): Promise<{ info: { url: string }; stderr: () => string }> {
  const child = spawn(process.execPath, args(['serve', '--demo', '--json', '--data-dir', dataDir]), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve({ info: JSON.parse(line) as { url: string }, stderr: () => stderr }),
    );
    child.once('exit', (code) => reject(new Error(`cockpit serve exited with ${code}:\n${stderr}`)));
  });
}

describe('cockpit serve with a damaged journal', { timeout: 90_000 }, () => {
  it('blocks overwritten mid-file: says so in one line, moves the file aside and serves on a fresh journal', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'journal.db');
    writeJournal(file);
    overwriteBlocksMidFile(file);
    const damaged = readFileSync(file);

    const served = await startServe(dataDir);
    expect(served.info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    const lines = served.stderr().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(
        /^cockpit serve: The journal .*journal\.db is damaged \(.+\)\. It was moved aside to .*journal\.db\.corrupt-\d{8}T\d{6}Z \(nothing was deleted\) and a fresh journal was started\.$/,
      ),
    ]);
    const [aside] = readdirSync(dataDir).filter((name) => /^journal\.db\.corrupt-\d{8}T\d{6}Z$/.test(name));
    expect(aside).toBeDefined();
    expect(readFileSync(join(dataDir, aside as string)).equals(damaged)).toBe(true);
  });

  it('a file that is not a database: one line with the move-aside hint, exit 1, the file untouched', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'journal.db');
    writeFileSync(file, 'notes, not a database\n'.repeat(300));
    const result = await run(['serve', '--demo', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr.trim().split('\n')).toEqual([
      `cockpit serve: The journal file ${file} is not a SQLite database (or is damaged). To continue, move it aside (for example rename it to ${file}.old) and start the app again: a fresh journal is created and the old file is kept as it is.`,
    ]);
    expect(readFileSync(file, 'utf8')).toBe('notes, not a database\n'.repeat(300));
  });

  it('the CLI says the same words as serve mode', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'journal.db'), 'notes, not a database\n'.repeat(300));
    const serve = await run(['serve', '--demo', '--data-dir', dataDir]);
    const history = await run(['history', 'api', '--env', 'staging', '--demo', '--data-dir', dataDir]);
    expect(history.code).toBe(1);
    expect(history.stderr).not.toMatch(STACK_FRAME);
    expect(history.stderr.replace(/^cockpit: /, '')).toBe(serve.stderr.replace(/^cockpit serve: /, ''));
  });
});

describe('cockpit on a full disk', { timeout: 90_000 }, () => {
  it('serve: one clean line that says the disk is full, exit 1', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    const result = await run(['serve', '--demo', '--data-dir', dataDir], { preload: [fullDisk] });
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr.trim().split('\n')).toEqual([
      `cockpit serve: The disk holding the journal ${join(dataDir, 'journal.db')} is full, so the cockpit cannot write to it. Free some space on that disk and start again; nothing was lost.`,
    ]);
  });

  it('the CLI: the same line', async () => {
    const dataDir = join(tempDir(), 'data');
    const result = await run(['status', '--demo', '--data-dir', dataDir], { preload: [fullDisk] });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      `cockpit status: The disk holding the journal ${join(dataDir, 'journal.db')} is full, so the cockpit cannot write to it. Free some space on that disk and start again; nothing was lost.`,
    ]);
  });
});

// Each case starts Node with tsx once or twice: seconds each on a busy machine.
describe('cockpit writing into a closed pipe', { timeout: 90_000 }, () => {
  /** Runs the command with its stdout's reading end closed before it writes a byte. */
  function intoClosedPipe(command: string[]): Promise<Finished> {
    const child = spawn(process.execPath, args(command), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout: '', stderr })));
  }

  it('validate: exits with its own status and prints nothing on stderr', async () => {
    const file = join(tempDir(), 'cockpit.yaml');
    writeFileSync(file, VALID);
    expect((await run(['validate', file])).code).toBe(0);
    expect(await intoClosedPipe(['validate', file])).toMatchObject({ code: 0, stderr: '' });

    writeFileSync(file, BROKEN);
    const broken = await run(['validate', file]);
    expect(broken.code).not.toBe(0);
    expect(await intoClosedPipe(['validate', file])).toMatchObject({ code: broken.code, stderr: '' });
  });

  it('--help, and a command’s --help: status 0 and silence', async () => {
    expect(await intoClosedPipe(['--help'])).toMatchObject({ code: 0, stderr: '' });
    expect(await intoClosedPipe(['deploy', '--help'])).toMatchObject({ code: 0, stderr: '' });
  });

  it('`cockpit validate <file> | head -c 1`: one byte out, validate’s own status, no stack trace', async () => {
    const file = join(tempDir(), 'cockpit.yaml');
    // Far more problems than a pipe holds (64 KiB), so most of them are written after head has gone.
    const services = Array.from({ length: 2000 }, (_, n) => `  service-${n}: { nonsense: ${n} }`).join('\n');
    writeFileSync(file, `version: 1\nname: Acme\nservices:\n${services}\n`);
    const command = args(['validate', file])
      .map((arg) => `'${arg}'`)
      .join(' ');
    const result = await new Promise<Finished>((resolve) => {
      execFile(
        'bash',
        ['-c', `set -o pipefail; '${process.execPath}' ${command} | head -c 1`],
        { cwd: root, timeout: 30_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
    // pipefail: the status is cockpit's (1: the file has problems), not head's.
    expect(result).toEqual({ code: 1, stdout: file.slice(0, 1), stderr: '' });
  });
});
