/** Starting the other processes the crash-safety tests need, and always stopping them. */
import { execFile, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '..', '..', '..');

/** Reads an action as a separate `node` process sees it. */
export async function readInOtherProcess(
  file: string,
  actionId: string,
): Promise<{
  action: { status: string; summary: string | null } | null;
  entries: { phase: string; message: string }[];
}> {
  const { stdout } = await promisify(execFile)(process.execPath, [join(here, 'read-journal.mjs'), file, actionId], {
    cwd: repoRoot,
    timeout: 20_000,
  });
  return JSON.parse(stdout) as Awaited<ReturnType<typeof readInOtherProcess>>;
}

export interface JournalChild {
  id: string;
  pid: number;
  /** SIGKILL, like a crash; resolves once the process is gone. */
  crash(): Promise<void>;
}

/** Starts journal-child.ts and waits for it to report the action it began. */
export function startJournalChild(file: string): Promise<JournalChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'journal-child.ts'), file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const crash = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void crash().then(() => reject(error));
    };
    const timer = setTimeout(() => fail(new Error(`the journal child did not start within 25 s: ${stderr}`)), 25_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline === -1 || settled) return;
      settled = true;
      clearTimeout(timer);
      const { id, pid } = JSON.parse(stdout.slice(0, newline)) as { id: string; pid: number };
      resolve({ id, pid, crash });
    });
    child.once('exit', (code, signal) =>
      fail(new Error(`the journal child exited early (${code ?? signal}): ${stderr}`)),
    );
  });
}
