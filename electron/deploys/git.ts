/**
 * The few git operations a deploy of a git ref needs: find the repository a workspace file lives in, resolve a ref
 * to the commit it names, and export exactly that commit into a folder. git and tar run with argument arrays and
 * no shell, so a ref typed by a person is only ever an argument, never code.
 */
import { spawn } from 'node:child_process';
import { CockpitError } from '../../shared/rpc';

export interface GitRepo {
  /** The repository's top folder. */
  top: string;
  /** Where the workspace file's folder is inside it: relative, with `/`, '' at the top. */
  prefix: string;
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only git's own prompts are turned off: a deploy must never wait for a password nobody sees. */
const GIT_ENV = { ...process.env, GIT_TERMINAL_PROMPT: '0' };

function git(args: readonly string[], cwd: string, signal?: AbortSignal): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, { cwd, env: GIT_ENV, stdio: ['ignore', 'pipe', 'pipe'], signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The repository the folder is in, or null when it is in none (or git is not installed). */
export async function findRepo(dir: string): Promise<GitRepo | null> {
  try {
    const r = await git(['rev-parse', '--show-toplevel', '--show-prefix'], dir);
    if (r.code !== 0) return null;
    const [top = '', prefix = ''] = r.stdout.split('\n');
    return top ? { top, prefix: prefix.replace(/\/+$/, '') } : null;
  } catch {
    return null;
  }
}

/** The full sha of the commit a ref (branch, tag, sha, `HEAD~1`…) names; BAD_REQUEST naming the ref when none. */
export async function resolveCommit(repo: GitRepo, ref: string, signal?: AbortSignal): Promise<string> {
  // Even as an argument, a leading dash would be read as one of rev-parse's options.
  if (!ref || ref.startsWith('-')) {
    throw new CockpitError('BAD_REQUEST', `"${ref}" is not a git ref (a branch, tag or commit).`);
  }
  const r = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], repo.top, signal);
  const sha = r.stdout.trim();
  if (r.code === 0 && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
  if (signal?.aborted) throw new CockpitError('CANCELLED', `Resolving "${ref}" was cancelled.`);
  throw new CockpitError(
    'BAD_REQUEST',
    `The git ref "${ref}" does not name a commit in the repository at ${repo.top}: no branch, tag or commit by that name${
      r.stderr.trim() ? ` (${r.stderr.trim()})` : ''
    }. Check the spelling, or fetch it first.`,
    { ref },
  );
}

/**
 * Writes the tree of one commit into `dest` (an empty folder): `git archive` piped into `tar -x`. The repository
 * itself is only read, so nothing is left behind in it whatever happens; submodules are not part of the export.
 */
export function exportCommit(repo: GitRepo, commit: string, dest: string, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', ['archive', '--format=tar', commit], {
      cwd: repo.top,
      env: GIT_ENV,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    const tar = spawn('tar', ['-x', '-f', '-', '-C', dest], { stdio: ['pipe', 'ignore', 'pipe'], signal });
    const errors = { git: '', tar: '' };
    archive.stderr.on('data', (chunk: Buffer) => (errors.git += chunk.toString('utf8')));
    tar.stderr.on('data', (chunk: Buffer) => (errors.tar += chunk.toString('utf8')));
    archive.stdout.pipe(tar.stdin);
    // tar stopping early closes the pipe; its own exit code says why, so the broken pipe itself is not an error.
    tar.stdin.on('error', () => {});
    let pending = 2;
    const codes: { git: number | null; tar: number | null } = { git: null, tar: null };
    let failed: Error | null = null;
    const done = () => {
      if (--pending > 0) return;
      if (failed) return reject(failed);
      if (signal?.aborted) return reject(new CockpitError('CANCELLED', 'Exporting the commit was cancelled.'));
      if (codes.git !== 0) {
        return reject(new Error(`git archive ${commit} failed (exit ${codes.git}): ${errors.git.trim()}`));
      }
      if (codes.tar !== 0)
        return reject(new Error(`tar could not unpack the export (exit ${codes.tar}): ${errors.tar.trim()}`));
      resolve();
    };
    for (const [name, child] of [
      ['git', archive],
      ['tar', tar],
    ] as const) {
      child.on('error', (error) => {
        // An abort is reported by the exit check above; a missing program is reported here.
        if (!signal?.aborted) failed ??= new Error(`could not run ${name}: ${error.message}`);
      });
      child.on('close', (code) => {
        codes[name] = code;
        done();
      });
    }
  });
}
