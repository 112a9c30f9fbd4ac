/**
 * A release made from a git ref. When a `releases` deploy names a ref (and no artifact, folder or archive) and the
 * workspace file lives in a git repository, the ref is resolved to its commit, exactly that commit is exported
 * into a fresh temporary folder, and `build.run` runs and `build.upload` is collected there — never in the working
 * tree, which may hold another branch or uncommitted changes. The release id ends with the commit's short sha, so
 * history shows the commit that really went out. The folder is removed when the deploy ends, however it ends.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, posix } from 'node:path';
import { CockpitError } from '../../shared/rpc';
import { type Step, StepFailure, type TaskContext } from '../runbooks/types';
import { type GitRepo, exportCommit, findRepo, resolveCommit } from './git';
import { shortRef } from './release-id';

export interface GitSource {
  repo: GitRepo;
  ref: string;
}

/**
 * The git repository a ref is looked up in: the one the workspace file lives in. Null when the release is not a
 * ref to look up (a ready-made artifact, an explicit folder or archive, nothing named) or there is no repository,
 * in which case the ref only names the release, as it always did.
 */
export async function gitSourceFor(
  workspaceDir: string,
  release: { ref?: string; dir?: string; artifact?: string },
  isArtifact: boolean,
): Promise<GitSource | null> {
  if (!release.ref || release.dir || release.artifact || isArtifact) return null;
  const repo = await findRepo(workspaceDir);
  return repo ? { repo, ref: release.ref } : null;
}

/**
 * Where a folder named relative to the workspace file (`build.dir`) is inside an export of the repository. An
 * absolute folder, or one outside the repository, would silently build files that are not the commit: refused.
 */
export function folderInRepo(repo: GitRepo, folder: string): string {
  const inRepo = posix.normalize(posix.join(repo.prefix || '.', folder.split('\\').join('/')));
  if (isAbsolute(folder) || inRepo === '..' || inRepo.startsWith('../')) {
    throw new CockpitError(
      'INVALID_WORKSPACE',
      `build.dir "${folder}" is outside the git repository at ${repo.top}, so it cannot be built from a git ref: make it a folder inside the repository, relative to the workspace file.`,
    );
  }
  return inRepo;
}

/** Turns the engine's abort into a cancelled step, so a cancel during resolve/export reads as one. */
async function cancellable<T>(ctx: TaskContext, stepId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!ctx.signal.aborted) throw error;
    throw new StepFailure({
      host: ctx.host,
      step: stepId,
      command: null,
      exitCode: null,
      reason: 'cancelled',
      message: `${stepId === 'resolve' ? 'Resolving the git ref' : 'Exporting the commit'} was cancelled`,
      outputTail: '',
    });
  }
}

/** One deploy's checkout of a commit: its steps (resolve, export), where it landed, and its removal. */
export class GitCheckout {
  /** The full sha, once resolved. */
  commit: string | null = null;
  private folder: string | null = null;

  constructor(
    readonly source: GitSource,
    /** Where the temporary folder is made (default: the OS temp folder). */
    private readonly scratchDir: string = tmpdir(),
  ) {}

  get ref(): string {
    return this.source.ref;
  }

  /** The resolved commit; an error before the resolve step ran. */
  get sha(): string {
    if (!this.commit) throw new Error(`${this.ref} has not been resolved to a commit yet`);
    return this.commit;
  }

  /** The workspace file's folder as it is in the exported commit. */
  get workspaceDir(): string {
    if (!this.folder) throw new Error(`commit ${this.sha} has not been exported yet`);
    return join(this.folder, this.source.repo.prefix);
  }

  /** What `build.run` is told about the release it builds. */
  env(): Record<string, string> {
    return { COCKPIT_REF: this.ref, COCKPIT_COMMIT: this.sha };
  }

  /** The first steps of the deploy, on this machine: resolve the ref, export its commit. */
  steps(): Step[] {
    const { repo, ref } = this.source;
    return [
      {
        kind: 'task',
        id: 'resolve',
        title: `Resolve ${ref} to a commit`,
        // Shown in the log; git itself is run with an argument array, not through a shell.
        command: `git rev-parse --verify ${ref}^{commit}`,
        run: (ctx) =>
          cancellable(ctx, 'resolve', async () => {
            this.commit = await resolveCommit(repo, ref, ctx.signal);
            ctx.log(`${ref} is commit ${this.commit}`);
            return this.commit;
          }),
      },
      {
        kind: 'task',
        id: 'export',
        title: `Export the commit of ${ref} into a temporary folder`,
        run: (ctx) =>
          cancellable(ctx, 'export', async () => {
            // Noted before the export so that a failed or cancelled one is removed too.
            this.folder = await mkdtemp(join(this.scratchDir, 'cockpit-release-'));
            await exportCommit(repo, this.sha, this.folder, ctx.signal);
            if (!existsSync(join(this.folder, repo.prefix))) {
              throw new Error(
                `commit ${shortRef(this.sha)} has no folder ${repo.prefix}: the workspace file's folder is not part of it`,
              );
            }
            ctx.log(`Exported commit ${shortRef(this.sha)} (not the working tree) into ${this.folder}`);
            return this.folder;
          }),
      },
    ];
  }

  /** Removes the exported commit; safe to call more than once, and when nothing was exported. */
  async cleanup(): Promise<void> {
    const folder = this.folder;
    this.folder = null;
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}
