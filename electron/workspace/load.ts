/**
 * Reads a workspace file from disk. Anything that keeps the file from being read (missing, a directory,
 * unreadable, far too large) becomes one issue at line 1, so callers handle a single shape of failure.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { decodeWorkspaceBytes } from './encoding';
import { parseWorkspaceText } from './parse';
import { type LoadResult } from './types';

/** A workspace file is a page or two of YAML; anything this big is the wrong file. */
export const MAX_WORKSPACE_BYTES = 2 * 1024 * 1024;

export async function loadWorkspaceFile(path: string): Promise<LoadResult> {
  const fail = (message: string, expected?: string, hint?: string): LoadResult => {
    const issue: WorkspaceIssue = { file: path, line: 1, column: 1, path: '', message };
    if (expected) issue.expected = expected;
    if (hint) issue.hint = hint;
    return { workspace: null, issues: [issue] };
  };

  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      const inside = await stat(join(path, 'cockpit.yaml')).then(
        (s) => s.isFile(),
        () => false,
      );
      return fail(
        'this is a directory, not a workspace file',
        'the path of a cockpit.yaml file',
        inside ? `Open ${join(path, 'cockpit.yaml')} instead.` : undefined,
      );
    }
    if (!info.isFile()) return fail('this is not a regular file', 'the path of a cockpit.yaml file');
    size = info.size;
  } catch (error) {
    return fail(describeError(error), 'the path of a cockpit.yaml file');
  }
  if (size > MAX_WORKSPACE_BYTES) {
    return fail(
      `the file is ${Math.round(size / 1024)} KiB; a workspace file is at most ${MAX_WORKSPACE_BYTES / 1024} KiB`,
    );
  }

  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return fail(describeError(error));
  }
  // The file may have grown since stat (or be one whose size stat cannot tell).
  if (bytes.length > MAX_WORKSPACE_BYTES) {
    return fail(`the file is over ${MAX_WORKSPACE_BYTES / 1024} KiB; a workspace file is at most that`);
  }
  const decoded = decodeWorkspaceBytes(bytes);
  if (!decoded.ok) {
    const { line, column, message } = decoded;
    return {
      workspace: null,
      issues: [{ file: path, line, column, path: '', message, expected: 'a text file in UTF-8' }],
    };
  }
  return parseWorkspaceText(decoded.text, path);
}

function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'file not found';
    case 'EACCES':
    case 'EPERM':
      return 'cannot read the file: permission denied';
    case 'ENOTDIR':
      return 'file not found (a folder on the path is a file)';
    case 'EISDIR':
      return 'this is a directory, not a workspace file';
    default:
      return `cannot read the file: ${error instanceof Error ? error.message : String(error)}`;
  }
}
