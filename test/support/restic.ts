/**
 * A real restic repository for integration tests, in a temp dir with a password file: helpers back up files or a
 * stream with tags, list the packs, and damage a copy of the repository (flip bytes in a pack, delete one) so the
 * original stays good for the other tests. The cache and temp files stay inside the temp dir. `remove()` deletes it.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flipBytes } from './pgbackrest';
import { findTool } from './system-tool';

export interface ResticRepo {
  /** The repository path (what RESTIC_REPOSITORY holds). */
  repo: string;
  password: string;
  passwordFile: string;
  /** RESTIC_REPOSITORY, RESTIC_PASSWORD_FILE, RESTIC_CACHE_DIR and TMPDIR for running restic by hand. */
  env: { RESTIC_REPOSITORY: string; RESTIC_PASSWORD_FILE: string; RESTIC_CACHE_DIR: string; TMPDIR: string };
  /** Runs restic with `args` (and stdin), returns stdout; throws on exit ≠ 0. */
  run(args: string[], input?: string | Buffer): string;
  /** Backs up files (name → content) written to a temp folder; returns the snapshot's short id. */
  backupFiles(files: Record<string, string | Buffer>, tags?: string[]): string;
  /** Backs up `data` read from stdin as `name`; returns the snapshot's short id. */
  backupStdin(name: string, data: string | Buffer, tags?: string[]): string;
  /** The repository's pack files, biggest first. */
  packs(): string[];
  /** A copy of this repository (same password) to damage. */
  copy(): ResticRepo;
  remove(): void;
}

function resticBin(): string {
  const bin = findTool('restic');
  if (!bin) throw new Error('restic not found: install it (see .ci/run)');
  return bin;
}

function open(root: string, repo: string, password: string): ResticRepo {
  const passwordFile = join(root, 'password');
  const env = {
    RESTIC_REPOSITORY: repo,
    RESTIC_PASSWORD_FILE: passwordFile,
    RESTIC_CACHE_DIR: join(root, 'cache'),
    TMPDIR: join(root, 'tmp'),
  };
  mkdirSync(env.TMPDIR, { recursive: true });
  const run = (args: string[], input?: string | Buffer) =>
    execFileSync(resticBin(), args, {
      env: { PATH: process.env.PATH ?? '', HOME: root, ...env },
      input: input ?? '',
      stdio: ['pipe', 'pipe', 'pipe'],
    }).toString();
  const tagArgs = (tags: string[]) => tags.flatMap((t) => ['--tag', t]);
  const snapshotOf = (output: string): string => {
    const summary = output
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { message_type?: string; snapshot_id?: string })
      .find((m) => m.message_type === 'summary');
    if (!summary?.snapshot_id) throw new Error(`restic backup printed no summary: ${output}`);
    return summary.snapshot_id;
  };
  return {
    repo,
    password,
    passwordFile,
    env,
    run,
    backupFiles(files, tags = []) {
      const src = mkdtempSync(join(root, 'src-'));
      for (const [name, content] of Object.entries(files)) writeFileSync(join(src, name), content);
      try {
        return snapshotOf(run(['backup', '--json', '--quiet', '--host', 'testhost', ...tagArgs(tags), src]));
      } finally {
        rmSync(src, { recursive: true, force: true });
      }
    },
    backupStdin(name, data, tags = []) {
      return snapshotOf(
        run(
          ['backup', '--json', '--quiet', '--host', 'testhost', '--stdin', '--stdin-filename', name, ...tagArgs(tags)],
          data,
        ),
      );
    },
    packs() {
      const data = join(repo, 'data');
      return readdirSync(data)
        .flatMap((sub) => readdirSync(join(data, sub)).map((f) => join(data, sub, f)))
        .sort((a, b) => statSync(b).size - statSync(a).size);
    },
    copy() {
      const copyRoot = mkdtempSync(join(tmpdir(), 'cockpit-restic-'));
      cpSync(repo, join(copyRoot, 'repo'), { recursive: true });
      writeFileSync(join(copyRoot, 'password'), password);
      return open(copyRoot, join(copyRoot, 'repo'), password);
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

export function createResticRepo(): ResticRepo {
  const root = mkdtempSync(join(tmpdir(), 'cockpit-restic-'));
  const password = randomBytes(12).toString('hex');
  writeFileSync(join(root, 'password'), password);
  const repo = open(root, join(root, 'repo'), password);
  repo.run(['init']);
  return repo;
}

/** Flips bytes in the middle of the repository's biggest pack: only a check that reads data notices. */
export function flipPackBytes(repo: ResticRepo): string {
  const pack = repo.packs()[0];
  if (!pack) throw new Error('the repository has no packs');
  flipBytes(pack, 16);
  return pack;
}

/** Deletes the repository's biggest pack: even a plain `restic check` notices. */
export function deletePack(repo: ResticRepo): string {
  const pack = repo.packs()[0];
  if (!pack) throw new Error('the repository has no packs');
  unlinkSync(pack);
  return pack;
}
