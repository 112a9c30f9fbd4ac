import { z } from 'zod';
import { recentWorkspaceSchema, workspaceIssueSchema, workspaceStateSchema } from '../model/workspace-state';
import { defineEvent, defineMethod } from '../rpc';

const none = z.object({}).strict();
const pathInput = z.object({ path: z.string().min(1).max(4096) }).strict();

export const workspaceMethods = {
  'workspace.current': defineMethod(none, workspaceStateSchema, 'The loaded workspace and the issues of its file.'),
  'workspace.open': defineMethod(
    pathInput,
    workspaceStateSchema,
    'Opens a workspace file and watches it. A broken file leaves the last good workspace loaded and reports issues.',
  ),
  'workspace.openDemo': defineMethod(none, workspaceStateSchema, 'Opens the built-in demo workspace.'),
  'workspace.reload': defineMethod(none, workspaceStateSchema, 'Reads the current workspace file again.'),
  'workspace.validate': defineMethod(
    pathInput,
    z.object({ ok: z.boolean(), issues: z.array(workspaceIssueSchema) }),
    'Checks a workspace file without opening it.',
  ),
  'workspace.browse': defineMethod(
    none,
    z.object({ path: z.string().nullable() }),
    'Shows the native file picker (desktop only; UNSUPPORTED in serve mode).',
  ),
  'workspace.recent': defineMethod(none, z.array(recentWorkspaceSchema), 'Recently opened workspaces, newest first.'),
} as const;

export const workspaceEvents = {
  'workspace.changed': defineEvent(
    workspaceStateSchema,
    'The workspace or its issues changed (opened, saved, broken, fixed).',
  ),
} as const;
