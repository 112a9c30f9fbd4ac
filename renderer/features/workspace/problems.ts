/** Wording of the problems panel, kept out of React so it is unit-tested. */
import { type WorkspaceIssue, type WorkspaceState } from '../../../shared/model/workspace-state';

/** `cockpit.yaml:12:5`: the file name only (the full path is in the tooltip) with line and column. */
export function issueLocation(issue: WorkspaceIssue): string {
  const file = issue.file.split(/[\\/]/).pop() || issue.file;
  return `${file}:${issue.line}:${issue.column}`;
}

/** The whole issue as one line, for the copy button: what an editor or a chat message needs. */
export function issueAsText(issue: WorkspaceIssue): string {
  const parts = [`${issue.file}:${issue.line}:${issue.column}`];
  if (issue.path) parts.push(issue.path);
  parts.push(issue.message);
  if (issue.expected) parts.push(`expected ${issue.expected}`);
  if (issue.hint) parts.push(`hint: ${issue.hint}`);
  return parts.join(' — ');
}

/** "Still showing the last good workspace: …" or "No workspace loaded yet"; the time is filled in by the UI. */
export function lastGoodSummary(
  state: WorkspaceState,
): { name: string; from: string; fromPath: boolean; loadedAt: string } | null {
  if (!state.workspace || !state.loadedAt) return null;
  const from = state.loadedFrom;
  return {
    name: state.workspace.name,
    from: from === null ? 'an unknown source' : from.kind === 'demo' ? 'the built-in demo' : from.path,
    fromPath: from?.kind === 'file',
    loadedAt: state.loadedAt,
  };
}

/** The file the issues are about: the file that was opened, which may differ from the last good one. */
export function brokenFile(state: WorkspaceState): string | null {
  return state.issues[0]?.file ?? state.source?.path ?? null;
}
