import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type Workspace } from '../../shared/workspace';

/** The result of reading one workspace file: a workspace when it is valid, and every issue found. */
export interface LoadResult {
  workspace: Workspace | null;
  issues: WorkspaceIssue[];
  /** Problems past the listed ones, counted but not described; the last issue then says how many. */
  omitted?: number;
}

/** A file judged without being read: one issue about the whole file (not YAML, too slow to check, no checker). */
export function wholeFileIssue(file: string, message: string, expected?: string): LoadResult {
  const issue: WorkspaceIssue = { file, line: 1, column: 1, path: '', message };
  return { workspace: null, issues: [expected === undefined ? issue : { ...issue, expected }] };
}

import { type RecentWorkspace, type WorkspaceState } from '../../shared/model/workspace-state';

/**
 * The open workspace: loads, validates and watches the file; keeps the last good workspace while the file is
 * broken; journals every open; remembers recent files. Emits `workspace.changed` through the callback.
 */
export interface WorkspaceService {
  current(): WorkspaceState;
  open(path: string): Promise<WorkspaceState>;
  openDemo(): Promise<WorkspaceState>;
  reload(): Promise<WorkspaceState>;
  validate(path: string): Promise<LoadResult>;
  recent(): RecentWorkspace[];
  /** Stops watching. */
  close(): void;
}
