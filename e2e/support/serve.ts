/**
 * Starts `cockpit serve` as a real process on a throw-away data directory and stops it after the test file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface ServedCockpit {
  url: string;
  origin: string;
  port: number;
  token: string;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

const root = resolve(import.meta.dirname, '..', '..');

/**
 * `env` is added to this process's environment; a variable set to undefined is left out (e.g. SSH_AUTH_SOCK).
 * The demo's first-launch rollback drill (which breaks checkout on staging for half a minute) runs only for a test
 * that asks for it with `demoDrill: true`: the other screens' tests expect a demo nobody is breaking.
 */
export async function startCockpit(
  args: string[] = ['--demo'],
  options: { env?: Record<string, string | undefined>; demoDrill?: boolean } = {},
): Promise<ServedCockpit> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cockpit-e2e-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(root, 'bin', 'cockpit.js'),
      'serve',
      '--json',
      '--data-dir',
      dataDir,
      ...args,
      ...(options.demoDrill === true ? [] : ['--no-demo-drill']),
    ],
    {
      cwd: root,
      env: {
        ...process.env,
        COCKPIT_DATA_DIR: dataDir,
        // A test watching the first-launch drill need not sit through the pause meant for a person.
        ...(options.demoDrill === true ? { COCKPIT_DEMO_DRILL_DELAY: '2s' } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let log = '';
  const stdout = child.stdout;
  if (!stdout) throw new Error('cockpit serve has no stdout pipe');
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const first = await new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error(`cockpit serve did not start in 20 s:\n${log}`)), 20_000);
    const lines = createInterface({ input: stdout });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolveLine(line);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`cockpit serve exited with ${code}:\n${log}`));
    });
  });
  const info = JSON.parse(first) as { url: string; port: number; token: string };
  return {
    ...info,
    origin: `http://127.0.0.1:${info.port}`,
    dataDir,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
