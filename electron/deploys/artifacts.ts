/**
 * A service's `artifacts:` folder — where CI (or the demo) keeps ready-made releases: each sub-folder or
 * `.tar.gz` is one release, named by it ("v1.5.0"). Lists them newest first for the Deploy dialog, and finds the
 * one a `--release NAME` means, so the CLI and the UI pick releases by name and no local path crosses the wire.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { type ReleaseSource } from '../../shared/model/deploys';
import { type DeployConfig } from '../../shared/workspace';

export interface Artifact {
  name: string;
  path: string;
  kind: 'dir' | 'artifact';
  modifiedAt: string;
  /** Files in a folder (top level and below), or the archive's size in bytes. */
  files: number | null;
  bytes: number;
}

const ARCHIVE = /\.(tar\.gz|tgz)$/;
/** Names a release may have (it ends up in a directory name and a shell word). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function artifactsDir(workspaceDir: string, config: DeployConfig): string | null {
  if (!config.artifacts) return null;
  return isAbsolute(config.artifacts) ? config.artifacts : resolve(workspaceDir, config.artifacts);
}

async function countFiles(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0;
  let bytes = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.git')) continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = await countFiles(full);
      files += inner.files;
      bytes += inner.bytes;
    } else if (entry.isFile()) {
      files += 1;
      bytes += (await stat(full)).size;
    }
  }
  return { files, bytes };
}

/** "v1.10.0" after "v1.9.0": names compared with their numbers as numbers, newest (largest) first. */
export function compareNewestFirst(a: string, b: string): number {
  return b.localeCompare(a, 'en', { numeric: true, sensitivity: 'base' });
}

export async function listArtifacts(workspaceDir: string, config: DeployConfig): Promise<Artifact[]> {
  const dir = artifactsDir(workspaceDir, config);
  if (!dir || !existsSync(dir)) return [];
  const out: Artifact[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && SAFE_NAME.test(entry.name)) {
      const info = await stat(full);
      const counted = await countFiles(full);
      out.push({
        name: entry.name,
        path: full,
        kind: 'dir',
        modifiedAt: info.mtime.toISOString(),
        files: counted.files,
        bytes: counted.bytes,
      });
    } else if (entry.isFile() && ARCHIVE.test(entry.name)) {
      const name = entry.name.replace(ARCHIVE, '');
      if (!SAFE_NAME.test(name)) continue;
      const info = await stat(full);
      out.push({
        name,
        path: full,
        kind: 'artifact',
        modifiedAt: info.mtime.toISOString(),
        files: null,
        bytes: info.size,
      });
    }
  }
  return out.sort((a, b) => compareNewestFirst(a.name, b.name));
}

/**
 * The release a deploy means: a ref naming an artifact becomes that artifact (its whole folder, or the archive);
 * anything else is passed on as given (a ref label for the build, an explicit dir or artifact).
 */
export async function resolveRelease(
  workspaceDir: string,
  config: DeployConfig,
  release: ReleaseSource,
): Promise<{ release: ReleaseSource; artifact: Artifact | null }> {
  if (!release.ref || release.dir || release.artifact || config.strategy !== 'releases') {
    return { release, artifact: null };
  }
  const match = (await listArtifacts(workspaceDir, config)).find((a) => a.name === release.ref);
  if (!match) return { release, artifact: null };
  return {
    release: match.kind === 'dir' ? { ...release, dir: match.path } : { ...release, artifact: match.path },
    artifact: match,
  };
}
