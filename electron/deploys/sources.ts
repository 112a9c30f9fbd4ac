/**
 * What a `releases` deploy ships: the files listed in `build.upload` (or the whole directory) from a local build
 * directory, or one .tar.gz artifact. Also a short content hash, which names the release when no ref is given,
 * so the same build always gets the same suffix.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type ReleaseSource } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type DeployConfig } from '../../shared/workspace';

type ReleasesConfig = Extract<DeployConfig, { strategy: 'releases' }>;

export interface ReleaseFile {
  local: string;
  /** Path inside the release directory, with `/`. */
  relative: string;
  mode: number;
  size: number;
}

export interface ReleasePayload {
  kind: 'files' | 'artifact';
  files: ReleaseFile[];
  /** Directories to create inside the release, relative. */
  dirs: string[];
  artifact: string | null;
  contentHash: string;
  totalBytes: number;
  /** The local directory the files come from (for the build step). */
  dir: string | null;
}

/** Directories never shipped: version control and dependency caches belong to the build machine. */
const SKIP = new Set(['.git', '.hg', '.svn']);

async function walk(root: string, entry: string, out: ReleaseFile[], dirs: Set<string>): Promise<void> {
  const full = join(root, entry);
  const info = await stat(full);
  const rel = entry.split(sep).join('/');
  if (info.isDirectory()) {
    if (rel !== '.' && rel !== '') dirs.add(rel);
    for (const child of (await readdir(full)).sort()) {
      if (SKIP.has(child)) continue;
      await walk(root, entry === '.' ? child : join(entry, child), out, dirs);
    }
  } else if (info.isFile()) {
    out.push({ local: full, relative: rel, mode: info.mode & 0o777, size: info.size });
    const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    if (parent) dirs.add(parent);
  }
}

async function hashFiles(files: readonly ReleaseFile[]): Promise<string> {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.relative}\0${file.mode}\0`);
    for await (const chunk of createReadStream(file.local)) hash.update(chunk as Buffer);
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 7);
}

export async function collectReleasePayload(input: {
  workspaceDir: string;
  config: ReleasesConfig;
  source: ReleaseSource;
}): Promise<ReleasePayload> {
  const { workspaceDir, config, source } = input;
  const from = (p: string) => (isAbsolute(p) ? p : resolve(workspaceDir, p));
  if (source.artifact) {
    const artifact = from(source.artifact);
    if (!existsSync(artifact)) throw new CockpitError('BAD_REQUEST', `The artifact ${artifact} does not exist.`);
    const file: ReleaseFile = {
      local: artifact,
      relative: '.cockpit-artifact.tar.gz',
      mode: 0o600,
      size: (await stat(artifact)).size,
    };
    return {
      kind: 'artifact',
      files: [file],
      dirs: [],
      artifact,
      contentHash: await hashFiles([file]),
      totalBytes: file.size,
      dir: null,
    };
  }
  const dir = from(source.dir ?? config.build?.dir ?? '.');
  if (!existsSync(dir)) throw new CockpitError('BAD_REQUEST', `The build directory ${dir} does not exist.`);
  const entries = config.build?.upload ?? ['.'];
  const files: ReleaseFile[] = [];
  const dirs = new Set<string>();
  for (const entry of entries) {
    const full = resolve(dir, entry);
    const rel = relative(dir, full);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new CockpitError('INVALID_WORKSPACE', `build.upload entry "${entry}" points outside the build directory.`);
    }
    if (!existsSync(full)) {
      throw new CockpitError(
        'BAD_REQUEST',
        `build.upload lists "${entry}", but ${full} does not exist (did the build run?).`,
      );
    }
    await walk(dir, rel || '.', files, dirs);
  }
  if (files.length === 0) throw new CockpitError('BAD_REQUEST', `Nothing to upload from ${dir}.`);
  const unique = [...new Map(files.map((f) => [f.relative, f])).values()].sort((a, b) =>
    a.relative.localeCompare(b.relative),
  );
  return {
    kind: 'files',
    files: unique,
    dirs: [...dirs].sort(),
    artifact: null,
    contentHash: await hashFiles(unique),
    totalBytes: unique.reduce((n, f) => n + f.size, 0),
    dir,
  };
}
