/**
 * A runbook's Markdown doc, read from beside the workspace file. The path comes from the file, which a teammate
 * may have written carelessly: a doc outside the workspace's folder (`../../etc/passwd`, a symlink out) or a huge
 * one is refused with the reason, and a missing doc is said in words; the runbook itself stays usable.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';

export const MAX_DOC_BYTES = 256 * 1024;

export interface RunbookDoc {
  markdown: string | null;
  problem: string | null;
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export async function readRunbookDoc(workspaceDir: string, doc: string | undefined): Promise<RunbookDoc> {
  if (!doc) return { markdown: null, problem: null };
  const outside = {
    markdown: null,
    problem: `${doc}: the doc must be inside the workspace's folder, next to cockpit.yaml; move it there and name it relative to cockpit.yaml.`,
  };
  const path = resolve(workspaceDir, doc);
  if (isAbsolute(doc) || !inside(resolve(workspaceDir), path)) return outside;
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return {
      markdown: null,
      problem: `${doc}: no such file next to cockpit.yaml. Create it, or fix the runbook's doc: path.`,
    };
  }
  // A symlink inside the folder may still point out of it.
  if (!inside(await realpath(workspaceDir), real)) return outside;
  try {
    const info = await stat(real);
    if (!info.isFile()) return { markdown: null, problem: `${doc}: not a file. Name a Markdown file.` };
    if (info.size > MAX_DOC_BYTES) {
      return {
        markdown: null,
        problem: `${doc}: ${Math.ceil(info.size / 1024)} KiB is more than the 256 KiB a runbook doc may be. Shorten it, or link to the long version.`,
      };
    }
    return { markdown: await readFile(real, 'utf8'), problem: null };
  } catch (error) {
    return { markdown: null, problem: `${doc}: could not be read (${(error as Error).message}).` };
  }
}
