import { z } from 'zod';
import type { Workspace } from '../workspace';

/** One problem in a workspace file, placed precisely enough to jump to it in an editor. */
export const workspaceIssueSchema = z.object({
  file: z.string(),
  line: z.number().int().min(1),
  column: z.number().int().min(1),
  /** Dotted field path, e.g. `services.api.health.0.every`; empty for file-level problems. */
  path: z.string(),
  message: z.string(),
  /** What the file should hold there, when it can be said in a phrase. */
  expected: z.string().optional(),
  /** A fix hint, e.g. where a secret belongs instead. */
  hint: z.string().optional(),
});
export type WorkspaceIssue = z.infer<typeof workspaceIssueSchema>;

export const workspaceSourceSchema = z.object({
  kind: z.enum(['file', 'demo']),
  path: z.string(),
});
export type WorkspaceSource = z.infer<typeof workspaceSourceSchema>;

/**
 * What the app knows about its workspace: the last good one (kept while the file is broken), the issues of the
 * file as it is on disk now, and when each was read.
 */
export const workspaceStateSchema = z.object({
  source: workspaceSourceSchema.nullable(),
  // The backend validated it with the workspace schema already; re-validating its output form adds nothing.
  workspace: z.custom<Workspace>().nullable(),
  /** Source of the last good workspace (differs from `source` when a newly opened file is broken). */
  loadedFrom: workspaceSourceSchema.nullable(),
  issues: z.array(workspaceIssueSchema),
  loadedAt: z.string().nullable(),
  checkedAt: z.string().nullable(),
});
export type WorkspaceState = z.infer<typeof workspaceStateSchema>;

/** No workspace opened yet. */
export const noWorkspaceState: WorkspaceState = {
  source: null,
  workspace: null,
  loadedFrom: null,
  issues: [],
  loadedAt: null,
  checkedAt: null,
};

export const recentWorkspaceSchema = z.object({ path: z.string(), name: z.string(), openedAt: z.string() });
export type RecentWorkspace = z.infer<typeof recentWorkspaceSchema>;
