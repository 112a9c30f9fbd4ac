/** How workspace facts read in the journal, the CLI and messages: one wording everywhere. */
import { type WorkspaceIssue } from '../../shared/model/workspace-state';
import { type Workspace } from '../../shared/workspace';

/** "2 environments, 3 services", as the journal and the CLI say it. */
export function describeSize(workspace: Workspace): string {
  return `${plural(Object.keys(workspace.environments).length, 'environment')}, ${plural(Object.keys(workspace.services).length, 'service')}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One issue as a compiler would print it: `file:line:column  path  message (expected …)`. */
export function formatIssue(issue: WorkspaceIssue): string {
  const parts = [`${issue.file}:${issue.line}:${issue.column}`];
  if (issue.path) parts.push(issue.path);
  let message = issue.message;
  if (issue.expected) message += ` (expected ${issue.expected})`;
  if (issue.hint) message += ` ${issue.hint}`;
  parts.push(message);
  return parts.join('  ');
}
