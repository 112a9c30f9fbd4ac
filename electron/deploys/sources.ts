/**
 * What a `releases` deploy ships: the files listed in `build.upload` from the build directory (or the whole
 * folder given as `--source` / a ready-made release), or one .tar.gz artifact. Nothing else: with none of those
 * declared the deploy is refused, and the deny list (deny-list.ts) keeps keys, version control, stray `.env`
 * files and the cockpit's own data out of every release. Also a short content hash, which names the release
 * when no ref is given, so the same build always gets the same suffix.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { type ReleaseSource } from '../../shared/model/deploys';
import { CockpitError } from '../../shared/rpc';
import { type DeployConfig } from '../../shared/workspace';
import {
  type DenyContext,
  type ExcludedPath,
  deniedByName,
  deniedFile,
  deniedName,
  describeExcluded,
  namedDeniedError,
} from './deny-list';

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
  /** What was found but left out (the deny list), for the plan. */
  excluded: ExcludedPath[];
}

/**
 * Refuses a deploy that does not say what its release contains: no `--source`/`--artifact`, no ready-made
 * release matched by `--release`, no `build:`. (It used to upload the whole workspace folder, keys and all.)
 * `release` is the source after an artifact name was resolved to its folder or archive.
 */
export function requireDeclaredRelease(service: string, config: ReleasesConfig, release: ReleaseSource): void {
  if (release.dir || release.artifact || config.build) return;
  const notFound =
    release.ref && config.artifacts
      ? ` "${release.ref}" is not a release in its artifacts folder (${config.artifacts}).`
      : '';
  throw new CockpitError(
    'BAD_REQUEST',
    `Nothing says what a release of ${service} contains, so nothing was uploaded.${notFound} Add to its deploy: ` +
      'section either build: { dir: dist, upload: [.] } (the folder your build writes; add run: to build it first) ' +
      'or artifacts: releases/ (a folder of ready-made releases, picked by name) — or deploy one folder with --source DIR.',
    { service },
  );
}

function uploadSubject(entry: string): string {
  return `build.upload lists "${entry}"`;
}
const UPLOAD_REMEDY = 'keep it out of build.upload';

/**
 * Refuses `build.upload` entries the deny list forbids, by name alone: what the plan can say before a build has
 * written anything. (collectReleasePayload checks again, with the files' contents, after the build.)
 */
export function checkNamedUploads(config: ReleasesConfig): void {
  for (const entry of config.build?.upload ?? []) {
    const parts = entry.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
    parts.forEach((part, i) => {
      // Only the last part may be a file; any part may be a folder such as .git.
      const isLast = i === parts.length - 1;
      const relative = parts.slice(0, i + 1).join('/');
      const why =
        deniedName(part, relative, true, config.shared) ??
        (isLast ? deniedName(part, relative, false, config.shared) : null);
      if (why) throw namedDeniedError(uploadSubject(entry), entry, why, UPLOAD_REMEDY);
    });
  }
}

interface Walk {
  root: string;
  deny: DenyContext;
  files: ReleaseFile[];
  dirs: Set<string>;
  excluded: ExcludedPath[];
}

/** Walks `entry` under the root; `named`: the person named it (a denied one is an error, not left out). */
async function walk(w: Walk, entry: string, named: string | null): Promise<void> {
  const full = join(w.root, entry);
  const info = await stat(full);
  const rel = entry === '.' || entry === '' ? '' : entry.split(sep).join('/');
  if (info.isDirectory()) {
    const why = deniedByName(full, rel, true, w.deny);
    if (why) {
      if (named !== null) throw namedDeniedError(uploadSubject(named), named, why, UPLOAD_REMEDY);
      w.excluded.push({ path: `${rel}/`, why });
      return;
    }
    if (rel) w.dirs.add(rel);
    for (const child of (await readdir(full)).sort()) await walk(w, rel ? join(entry, child) : child, null);
  } else if (info.isFile()) {
    const why = await deniedFile(full, rel || basename(full), w.deny);
    if (why) {
      if (named !== null) throw namedDeniedError(uploadSubject(named), named, why, UPLOAD_REMEDY);
      w.excluded.push({ path: rel, why });
      return;
    }
    w.files.push({ local: full, relative: rel, mode: info.mode & 0o777, size: info.size });
    const parent = rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '';
    if (parent) w.dirs.add(parent);
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
  /** The cockpit's data folder, never shipped (one is also recognised by the journal.db it holds). */
  dataDir?: string | null;
  /** For the message when nothing is declared (default "this service"). */
  service?: string;
}): Promise<ReleasePayload> {
  const { workspaceDir, config, source } = input;
  requireDeclaredRelease(input.service ?? 'this service', config, source);
  const deny: DenyContext = { shared: config.shared, dataDir: input.dataDir ? resolve(input.dataDir) : null };
  const from = (p: string) => (isAbsolute(p) ? p : resolve(workspaceDir, p));
  if (source.artifact) {
    const artifact = from(source.artifact);
    if (!existsSync(artifact)) throw new CockpitError('BAD_REQUEST', `The artifact ${artifact} does not exist.`);
    const why = await deniedFile(artifact, basename(artifact), deny);
    if (why) throw namedDeniedError(`The artifact is ${artifact}`, artifact, why, 'pick the .tar.gz your build made');
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
      excluded: [],
    };
  }
  const dir = from(source.dir ?? config.build?.dir ?? '.');
  if (!existsSync(dir)) throw new CockpitError('BAD_REQUEST', `The build directory ${dir} does not exist.`);
  const rootWhy = deniedByName(dir, '', true, deny);
  if (rootWhy) {
    throw namedDeniedError(`The folder to deploy is ${dir}`, dir, rootWhy, 'deploy the folder your build writes');
  }
  // build.upload names what ships from the folder; a folder given without build: (--source, a ready-made release)
  // ships whole. Nothing declared at all was refused above.
  const entries = config.build?.upload ?? ['.'];
  checkNamedUploads(config);
  const w: Walk = { root: dir, deny, files: [], dirs: new Set(), excluded: [] };
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
    // The folder itself ('.') is walked, not named: what is denied inside it is left out and listed.
    await walk(w, rel || '.', rel ? entry : null);
  }
  if (w.files.length === 0) {
    const left = w.excluded.length > 0 ? ` (${w.excluded.length} left out: ${describeExcluded(w.excluded)})` : '';
    throw new CockpitError('BAD_REQUEST', `Nothing to upload from ${dir}${left}.`);
  }
  const unique = [...new Map(w.files.map((f) => [f.relative, f])).values()].sort((a, b) =>
    a.relative.localeCompare(b.relative),
  );
  return {
    kind: 'files',
    files: unique,
    dirs: [...w.dirs].sort(),
    artifact: null,
    contentHash: await hashFiles(unique),
    totalBytes: unique.reduce((n, f) => n + f.size, 0),
    dir,
    excluded: w.excluded,
  };
}

/**
 * Where a release's files come from, for the plan: the folder ("dist/") or the `build.upload` entries, shown
 * relative to the workspace file when inside its folder.
 */
export function uploadFrom(workspaceDir: string, config: ReleasesConfig, source: ReleaseSource): string {
  const shown = (path: string) => {
    const rel = relative(workspaceDir, path);
    const text = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel.split(sep).join('/');
    return existsSync(path) && statSync(path).isDirectory() ? `${text.replace(/\/+$/, '')}/` : text;
  };
  const at = (p: string) => (isAbsolute(p) ? p : resolve(workspaceDir, p));
  if (source.artifact) return shown(at(source.artifact));
  const dir = at(source.dir ?? config.build?.dir ?? '.');
  if (!config.build) return shown(dir);
  return config.build.upload.map((entry) => shown(resolve(dir, entry))).join(', ');
}
